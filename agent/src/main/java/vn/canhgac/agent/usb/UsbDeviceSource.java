package vn.canhgac.agent.usb;

/** Where the USB device list comes from: sysfs on Linux, OSHI on Windows and macOS, a fixture in tests. */
public interface UsbDeviceSource {

    /** Every connected device; never throws for one bad device, which becomes a problem instead. */
    UsbScan scan();

    /** "sysfs /sys/bus/usb/devices" or "OSHI (Windows)", for logs and reports. */
    String describe();
}
