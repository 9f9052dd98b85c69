package vn.canhgac.agent.usb;

import java.util.List;
import java.util.Optional;

/**
 * One connected USB device as read from the OS.
 *
 * @param busPath           the kernel's name for the port chain, "1-2.3" ("usb1" for a root hub); on
 *                          Windows and macOS the OS's own device id
 * @param sysfsPath         host path of the device's sysfs directory, or empty off Linux
 * @param deviceNumber      the kernel's device number on its bus; a re-plug gets a new one, so
 *                          (busPath, deviceNumber) tells a re-plugged device from one that stayed
 * @param vendorId          4 lower-case hex digits
 * @param productId         4 lower-case hex digits
 * @param serial            the device's serial string, exactly as reported, if it has one
 * @param deviceClass       bDeviceClass (0 when the interfaces say what the device is)
 * @param interfaces        every interface of every configuration, without duplicates
 * @param authorized        whether the kernel lets drivers use the device ({@code authorized}); true
 *                          when it could not be read, so that a block is still attempted
 * @param blockDevices      disks and partitions made from its storage interfaces
 * @param networkInterfaces network interfaces the kernel made from it ("enx00e04c680001")
 */
public record UsbDevice(String busPath, String sysfsPath, int deviceNumber, String vendorId, String productId, Optional<String> serial,
                        String manufacturer, String product, int deviceClass, List<UsbInterface> interfaces, boolean authorized,
                        List<BlockDevice> blockDevices, List<String> networkInterfaces) {

    public UsbDevice {
        interfaces = List.copyOf(interfaces);
        blockDevices = List.copyOf(blockDevices);
        networkInterfaces = List.copyOf(networkInterfaces);
    }

    /** Same port, same plug-in, same identity: what the monitor keys its state by. */
    String plugKey() {
        return busPath + "#" + deviceNumber + "#" + vendorId + ":" + productId + "#" + serial.orElse("");
    }

    /** "0781:5567 SanDisk Cruzer Blade" for log lines and text reports. */
    public String label() {
        String name = (manufacturer + " " + product).strip();
        return vendorId + ":" + productId + (name.isEmpty() ? "" : " " + name);
    }
}
