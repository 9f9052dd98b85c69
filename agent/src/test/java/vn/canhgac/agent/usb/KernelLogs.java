package vn.canhgac.agent.usb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/** Kernel log lines as rsyslog writes them on Debian and Ubuntu, and log files in a fixture host root. */
final class KernelLogs {

    private KernelLogs() {}

    /** What the kernel logs when a flash drive is plugged in and, later, pulled out. */
    static String storageConnection(String time, String outTime, String bus, String vendorId, String productId, String manufacturer,
                                    String product, String serial) {
        String prefix = time + " ubnd-xa-01 kernel: [ 1234.567890] ";
        return prefix + "usb " + bus + ": new high-speed USB device number 5 using xhci_hcd\n"
                + prefix + "usb " + bus + ": New USB device found, idVendor=" + vendorId + ", idProduct=" + productId + ", bcdDevice= 1.00\n"
                + prefix + "usb " + bus + ": New USB device strings: Mfr=1, Product=2, SerialNumber=3\n"
                + prefix + "usb " + bus + ": Product: " + product + "\n"
                + prefix + "usb " + bus + ": Manufacturer: " + manufacturer + "\n"
                + (serial == null ? "" : prefix + "usb " + bus + ": SerialNumber: " + serial + "\n")
                + prefix + "usb-storage " + bus + ":1.0: USB Mass Storage device detected\n"
                + prefix + "scsi host6: usb-storage " + bus + ":1.0\n"
                + time + " ubnd-xa-01 systemd[1]: Started some unrelated service.\n"
                + outTime + " ubnd-xa-01 kernel: [ 1602.000000] usb " + bus + ": USB disconnect, device number 5\n";
    }

    static String keyboardConnection(String time, String bus) {
        String prefix = time + " ubnd-xa-01 kernel: [   12.000000] ";
        return prefix + "usb " + bus + ": New USB device found, idVendor=046d, idProduct=c31c, bcdDevice=64.00\n"
                + prefix + "usb " + bus + ": Product: USB Keyboard\n"
                + prefix + "input: Logitech USB Keyboard as /devices/pci0000:00/0000:00:14.0/usb1/" + bus + "/input/input5\n";
    }

    static Path write(Path root, String hostPath, String text, Instant modified) {
        Path file = root.resolve(hostPath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            if (hostPath.endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
