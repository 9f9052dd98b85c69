package vn.canhgac.agent.usb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import vn.canhgac.agent.host.HostRoot;

/**
 * What reads, enforces and wakes the USB monitor on this machine.
 *
 * <p>Linux (or any host root with {@code /sys/bus/usb}): sysfs is the source of truth, enforcement
 * writes sysfs, and inotify watches {@code /dev/bus/usb} (devtmpfs: a node per device) and
 * {@code /sys/bus/usb/devices} (fires for fixture trees, never for real sysfs), with a safety
 * poll every {@link #LINUX_SAFETY_POLL}. Windows and macOS (real root only): OSHI, reporting only,
 * polled every {@link #OSHI_POLL}.
 *
 * @param watched                   host paths whose entries change with devices
 * @param watchedWithSubdirectories host paths whose subdirectories do
 */
public record UsbPlatform(UsbDeviceSource source, UsbEnforcer enforcer, List<String> watched, List<String> watchedWithSubdirectories,
                          Duration safetyPoll) {

    public static final Duration LINUX_SAFETY_POLL = Duration.ofSeconds(10);
    public static final Duration OSHI_POLL = Duration.ofSeconds(5);
    static final String DEV_BUS_USB = "/dev/bus/usb";

    public static UsbPlatform detect(HostRoot root) {
        String os = System.getProperty("os.name", "unknown");
        boolean realRoot = root.root().equals(Path.of("/").toAbsolutePath());
        boolean linux = os.toLowerCase(Locale.ROOT).contains("linux");
        if (realRoot && !linux && !root.exists("/sys/bus/usb")) {
            return new UsbPlatform(OshiUsbDevices.ofThisMachine(os), new ReportingOnlyUsbEnforcer(os), List.of(), List.of(), OSHI_POLL);
        }
        return linux(root, LINUX_SAFETY_POLL);
    }

    /** Linux with the given safety poll (tests and benchmarks use a long one to show that inotify did the work). */
    public static UsbPlatform linux(HostRoot root, Duration safetyPoll) {
        return new UsbPlatform(new SysfsUsbDevices(root), new LinuxUsbEnforcer(root), List.of(SysfsUsbDevices.DEVICES),
                List.of(DEV_BUS_USB), safetyPoll);
    }
}
