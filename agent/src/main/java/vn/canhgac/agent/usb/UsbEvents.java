package vn.canhgac.agent.usb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbDecision;

/**
 * Event payloads for USB events: the device's identity, the rule that decided, the action and
 * its outcome. Every field is bounded (device strings by {@link Printable}, lists by the reader's
 * caps), so a payload stays far below the protocol's 64 KiB.
 */
final class UsbEvents {

    private UsbEvents() {}

    static Map<String, Object> identity(UsbDevice device, List<UsbKind> kinds, UsbDecision decision) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("busPath", Printable.of(device.busPath()));
        details.put("vendorId", device.vendorId());
        details.put("productId", device.productId());
        details.put("serial", device.serial().orElse(""));
        details.put("manufacturer", device.manufacturer());
        details.put("product", device.product());
        details.put("kinds", words(kinds));
        details.put("verdict", decision.verdict().word());
        details.put("rule", decision.rule());
        if (!decision.note().isEmpty()) {
            details.put("note", decision.note());
        }
        return details;
    }

    static Map<String, Object> details(UsbDevice device, List<UsbKind> kinds, UsbDecision decision, UsbActionResult result, String change) {
        Map<String, Object> details = identity(device, kinds, decision);
        details.put("interfaces", device.interfaces().stream().map(UsbInterface::codes).toList());
        if (!device.blockDevices().isEmpty()) {
            details.put("blockDevices", device.blockDevices().stream().map(BlockDevice::name).toList());
        }
        if (!device.networkInterfaces().isEmpty()) {
            details.put("networkInterfaces", device.networkInterfaces().stream().map(Printable::of).toList());
        }
        details.put("action", result.action().word());
        details.put("outcome", result.outcome().word());
        if (!result.error().isEmpty()) {
            details.put("error", Printable.message(result.error()));
        }
        details.put("change", change);
        return details;
    }

    static List<String> words(List<UsbKind> kinds) {
        return kinds.stream().map(UsbKind::word).toList();
    }
}
