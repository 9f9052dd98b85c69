package vn.canhgac.agent.usb;

/**
 * A disk or partition the kernel made from a USB storage interface.
 *
 * @param name      kernel name, "sdb" or "sdb1"; the device node is /dev/NAME
 * @param sysfsPath host path of its sysfs directory (its {@code ro} attribute lives there)
 * @param readOnly  whether the kernel reports it read-only now
 */
public record BlockDevice(String name, String sysfsPath, boolean readOnly) {}
