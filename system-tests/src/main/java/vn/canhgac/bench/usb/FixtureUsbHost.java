package vn.canhgac.bench.usb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import vn.canhgac.bench.BenchFiles;

/**
 * A fixture host root whose USB bus a benchmark or system test plugs flash drives into while an
 * agent watches it. A device is written in full under {@code sys/devices/} and then linked into
 * {@code sys/bus/usb/devices/}, so it appears at once, complete, as it does from the kernel.
 */
public final class FixtureUsbHost {

    private static final String DEVICES = "sys/devices/pci0000:00/0000:00:14.0/usb1";

    private final Path root;

    private FixtureUsbHost(Path root) {
        this.root = root;
    }

    /** Creates the bus directories under {@code root}; the root itself may be empty. */
    public static FixtureUsbHost create(Path root) throws IOException {
        Files.createDirectories(root.resolve("sys/bus/usb/devices"));
        Files.createDirectories(root.resolve(DEVICES));
        return new FixtureUsbHost(root);
    }

    public Path root() {
        return root;
    }

    /**
     * Writes a bulk-only mass-storage device (interface 08/06/50) without linking it in yet, so
     * that {@link #link} is the single step that makes it appear.
     */
    public void prepareFlashDrive(String busPath, int deviceNumber, String vendorId, String productId, String serial) throws IOException {
        Path device = root.resolve(DEVICES).resolve(busPath);
        write(device.resolve("idVendor"), vendorId);
        write(device.resolve("idProduct"), productId);
        write(device.resolve("serial"), serial);
        write(device.resolve("manufacturer"), "SanDisk");
        write(device.resolve("product"), "Cruzer Blade");
        write(device.resolve("bDeviceClass"), "00");
        write(device.resolve("devnum"), Integer.toString(deviceNumber));
        write(device.resolve("authorized"), "1");
        Path usbInterface = device.resolve(busPath + ":1.0");
        write(usbInterface.resolve("bInterfaceClass"), "08");
        write(usbInterface.resolve("bInterfaceSubClass"), "06");
        write(usbInterface.resolve("bInterfaceProtocol"), "50");
    }

    /** Makes a prepared device appear on the bus: one symbolic link, as the kernel's. */
    public void link(String busPath) throws IOException {
        Files.createSymbolicLink(root.resolve("sys/bus/usb/devices").resolve(busPath),
                Path.of("../../../devices/pci0000:00/0000:00:14.0/usb1").resolve(busPath));
    }

    /** What the agent wrote to the device's {@code authorized} attribute. */
    public String authorized(String busPath) throws IOException {
        return Files.readString(root.resolve(DEVICES).resolve(busPath).resolve("authorized"), StandardCharsets.US_ASCII).strip();
    }

    /**
     * Unplugs: the link goes first, then the device's directory is moved out of sysfs in one step
     * and deleted there, so no look ever sees a device with half its attributes.
     */
    public void unplug(String busPath) throws IOException {
        Files.deleteIfExists(root.resolve("sys/bus/usb/devices").resolve(busPath));
        Path gone = Files.createDirectories(root.resolve("unplugged")).resolve(busPath + "-" + System.nanoTime());
        Files.move(root.resolve(DEVICES).resolve(busPath), gone, StandardCopyOption.ATOMIC_MOVE);
        BenchFiles.deleteTree(gone);
    }

    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
    }
}
