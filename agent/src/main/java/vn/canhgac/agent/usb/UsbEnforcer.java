package vn.canhgac.agent.usb;

import java.io.IOException;
import java.util.Optional;

/**
 * The side effects of a USB verdict, behind one interface so that tests use a fixture sysfs or a
 * fake, and each OS gets its own. Calls come from the USB monitor's single thread.
 */
public interface UsbEnforcer {

    /** Why this platform cannot enforce (said in logs and events), or empty if it can. */
    Optional<String> unavailable();

    /** Lets the kernel use the device (true) or unbinds every driver and keeps it off (false). */
    void setAuthorized(UsbDevice device, boolean authorized) throws IOException;

    /** Marks a disk or partition read-only in the kernel, so no file system can write to it. */
    void setReadOnly(BlockDevice device) throws IOException;
}
