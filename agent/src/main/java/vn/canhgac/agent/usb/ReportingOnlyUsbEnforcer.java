package vn.canhgac.agent.usb;

import java.io.IOException;
import java.util.Optional;

/** Windows and macOS for now: devices are reported through OSHI, nothing is blocked, and every event says so. */
final class ReportingOnlyUsbEnforcer implements UsbEnforcer {

    private final String reason;

    ReportingOnlyUsbEnforcer(String osName) {
        this.reason = "USB enforcement is not available on " + osName + " yet: devices are reported, not blocked or made read-only";
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.of(reason);
    }

    @Override
    public void setAuthorized(UsbDevice device, boolean authorized) throws IOException {
        throw new IOException(reason);
    }

    @Override
    public void setReadOnly(BlockDevice device) throws IOException {
        throw new IOException(reason);
    }
}
