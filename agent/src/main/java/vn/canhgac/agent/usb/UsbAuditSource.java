package vn.canhgac.agent.usb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditSource;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.UsbPolicy;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbDecision;

/**
 * {@code canhgac-agent audit} for USB: every connected device with its kinds and verdict, every
 * USB storage device the logs show was connected before, which logs were read, and an error
 * finding for whatever could not be read. Changes nothing.
 */
public final class UsbAuditSource implements AuditSource {

    private final Function<HostRoot, UsbDeviceSource> sources;

    public UsbAuditSource() {
        this(root -> UsbPlatform.detect(root).source());
    }

    UsbAuditSource(Function<HostRoot, UsbDeviceSource> sources) {
        this.sources = sources;
    }

    @Override
    public String name() {
        return "usb";
    }

    @Override
    public List<Finding> audit(AuditContext context) {
        UsbPolicy rules = context.policy().usb();
        UsbScan scan = sources.apply(context.hostRoot()).scan();
        UsbLogHistory.Result history = new UsbLogHistory(context.hostRoot()).read();
        List<Finding> findings = new ArrayList<>();
        Set<UsbLogHistory.PastDevice> unmatched = new LinkedHashSet<>(history.devices());
        for (UsbDevice device : scan.devices()) {
            List<UsbKind> kinds = UsbClassifier.kinds(device);
            Optional<UsbLogHistory.PastDevice> past = history.devices().stream().filter(p -> sameDevice(p, device)).findFirst();
            past.ifPresent(unmatched::remove);
            findings.add(UsbFinding.connected(device, kinds, UsbDecision.decide(rules, device.vendorId(), device.productId(), device.serial(), kinds),
                    past.map(UsbLogHistory.PastDevice::history).orElse(null)));
        }
        for (UsbLogHistory.PastDevice device : unmatched) {
            Optional<String> serial = Optional.of(device.serial()).filter(s -> !s.isEmpty());
            findings.add(UsbFinding.past(device,
                    UsbDecision.decide(rules, device.vendorId(), device.productId(), serial, List.of(UsbKind.STORAGE))));
        }
        findings.add(new UsbHistorySources(history.sources(), history.timeZone(), UsbHistorySources.NOT_READ));
        if (!scan.busVisible()) {
            findings.add(new ErrorFinding(name(), SysfsUsbDevices.DEVICES, "no USB bus is visible here, so no connected device was checked"
                    + " (a machine without USB, or a host root or container without the host's /sys)"));
        }
        scan.problems().forEach(problem -> findings.add(error(problem)));
        history.problems().forEach(problem -> findings.add(error(problem)));
        return findings;
    }

    private static boolean sameDevice(UsbLogHistory.PastDevice past, UsbDevice device) {
        return past.vendorId().equals(device.vendorId()) && past.productId().equals(device.productId())
                && past.serial().equals(device.serial().orElse(""));
    }

    private ErrorFinding error(UsbReadProblem problem) {
        return new ErrorFinding(name(), problem.hostPath(), Printable.message(problem.message()));
    }
}
