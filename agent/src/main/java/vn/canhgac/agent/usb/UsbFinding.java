package vn.canhgac.agent.usb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbVerdict;
import vn.canhgac.protocol.policy.UsbDecision;

/**
 * One USB device in an audit: connected now, or found in the logs ({@code connected: false}), with
 * the verdict the policy gives it and, where the logs knew it, its {@code history}.
 *
 * @param busPath    the port ("1-2"), or empty for a device known only from the logs
 * @param serial     exactly as the device reports it; empty if it has none
 * @param interfaces class/subclass/protocol of each interface ("08/06/50")
 * @param authorized whether the kernel lets drivers use it now; absent for a device known only from the logs
 * @param history    from the kernel and system logs; absent if they do not mention it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "busPath", "vendorId", "productId", "serial", "manufacturer", "product", "kinds", "interfaces", "verdict", "rule",
        "note", "connected", "authorized", "blockDevices", "networkInterfaces", "history"})
public record UsbFinding(String busPath, String vendorId, String productId, String serial, String manufacturer, String product,
                         List<UsbKind> kinds, List<String> interfaces, UsbVerdict verdict, String rule, String note, boolean connected,
                         Boolean authorized, List<String> blockDevices, List<String> networkInterfaces, UsbHistory history)
        implements Finding {

    static UsbFinding connected(UsbDevice device, List<UsbKind> kinds, UsbDecision decision, UsbHistory history) {
        return new UsbFinding(device.busPath(), device.vendorId(), device.productId(), device.serial().orElse(""), device.manufacturer(),
                device.product(), kinds, device.interfaces().stream().map(UsbInterface::codes).toList(), decision.verdict(), decision.rule(),
                decision.note(), true, device.authorized(), device.blockDevices().stream().map(BlockDevice::name).toList(),
                device.networkInterfaces(), history);
    }

    static UsbFinding past(UsbLogHistory.PastDevice device, UsbDecision decision) {
        return new UsbFinding("", device.vendorId(), device.productId(), device.serial(), device.manufacturer(), device.product(),
                List.of(UsbKind.STORAGE), List.of(), decision.verdict(), decision.rule(), decision.note(), false, null, List.of(), List.of(),
                device.history());
    }

    @Override
    public String type() {
        return "usb";
    }

    @Override
    @JsonIgnore
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s%-10s", "USB", verdict.word().toUpperCase(Locale.ROOT)));
        line.append(vendorId).append(':').append(productId);
        String name = (manufacturer + " " + product).strip();
        if (!name.isEmpty()) {
            line.append(' ').append(Printable.of(name));
        }
        if (!serial.isEmpty()) {
            line.append(" serial ").append(Printable.of(serial));
        }
        line.append(" [").append(kinds.stream().map(UsbKind::word).collect(Collectors.joining(", "))).append(']');
        line.append(connected ? " on port " + busPath + (Boolean.FALSE.equals(authorized) ? " (unauthorised)" : "") : " not connected now");
        line.append(", rule ").append(rule);
        if (!note.isEmpty()) {
            line.append(" (").append(note).append(')');
        }
        if (history != null) {
            line.append("; in logs ").append(history.connections()).append(" time(s), first ").append(history.firstSeen())
                    .append(", last ").append(history.lastSeen());
        }
        return line.toString();
    }
}
