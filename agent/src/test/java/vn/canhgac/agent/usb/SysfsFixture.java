package vn.canhgac.agent.usb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes USB devices into a fixture host root the way the kernel lays them out: the device
 * directory under {@code /sys/devices/pci0000:00/0000:00:14.0/usb1/}, interface directories
 * inside it, and a link from {@code /sys/bus/usb/devices/<bus>} made last, so a watcher sees a
 * complete device appear at once, as it would from the kernel.
 */
final class SysfsFixture {

    static final String CONTROLLER = "/sys/devices/pci0000:00/0000:00:14.0";

    private final Path root;

    SysfsFixture(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("sys/bus/usb/devices"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Device device(String busPath, String vendorId, String productId) {
        return new Device(busPath, vendorId, productId);
    }

    /** The device's real directory (not the bus link). */
    Path deviceDirectory(String busPath) {
        return root.resolve(devicePath(busPath).substring(1));
    }

    /** Root hubs sit under the controller, devices under their root hub. */
    private static String devicePath(String busPath) {
        return CONTROLLER + (busPath.startsWith("usb") ? "/" : "/usb1/") + busPath;
    }

    Path attribute(String busPath, String name) {
        return deviceDirectory(busPath).resolve(name);
    }

    String read(String busPath, String name) {
        try {
            return Files.readString(attribute(busPath, name), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String busPath, String name, String value) {
        write(attribute(busPath, name), value);
    }

    /** Unplugs: the bus link goes first, then the directory leaves sysfs in one step, so no look sees half a device. */
    void remove(String busPath) {
        try {
            Files.deleteIfExists(root.resolve("sys/bus/usb/devices/" + busPath));
            Path gone = Files.createDirectories(root.resolve("unplugged")).resolve(busPath + "-" + System.nanoTime());
            Files.move(deviceDirectory(busPath), gone, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> tree = Files.walk(gone)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One device being described; {@link #plug} writes it. */
    final class Device {
        private final String busPath;
        private final List<String[]> attributes = new ArrayList<>();
        private final List<Runnable> extras = new ArrayList<>();
        private int interfaces;

        private Device(String busPath, String vendorId, String productId) {
            this.busPath = busPath;
            attribute("idVendor", vendorId);
            attribute("idProduct", productId);
            attribute("bDeviceClass", "00");
            attribute("devnum", "5");
            attribute("authorized", "1");
        }

        Device attribute(String name, String value) {
            attributes.removeIf(a -> a[0].equals(name));
            attributes.add(new String[] {name, value});
            return this;
        }

        Device without(String name) {
            attributes.removeIf(a -> a[0].equals(name));
            return this;
        }

        Device strings(String manufacturer, String product, String serial) {
            attribute("manufacturer", manufacturer).attribute("product", product);
            return serial == null ? this : attribute("serial", serial);
        }

        Device deviceClass(int code) {
            return attribute("bDeviceClass", hex(code));
        }

        Device devnum(int number) {
            return attribute("devnum", Integer.toString(number));
        }

        Device unauthorized() {
            return attribute("authorized", "0");
        }

        /** An interface directory "BUS:1.N" with its codes and, if given, its string. */
        Device iface(int interfaceClass, int subclass, int protocol, String name) {
            String directory = busPath + ":1." + interfaces++;
            extras.add(() -> {
                Path dir = deviceDirectory(busPath).resolve(directory);
                write(dir.resolve("bInterfaceClass"), hex(interfaceClass));
                write(dir.resolve("bInterfaceSubClass"), hex(subclass));
                write(dir.resolve("bInterfaceProtocol"), hex(protocol));
                if (name != null) {
                    write(dir.resolve("interface"), name);
                }
            });
            return this;
        }

        /** A disk (and partitions) under the last interface, at host6/target6:0:0/6:0:0:0/block/. */
        Device disk(String name, String... partitions) {
            String directory = busPath + ":1." + (interfaces - 1);
            extras.add(() -> {
                Path disk = deviceDirectory(busPath).resolve(directory + "/host6/target6:0:0/6:0:0:0/block/" + name);
                write(disk.resolve("ro"), "0");
                for (String partition : partitions) {
                    write(disk.resolve(partition + "/ro"), "0");
                    write(disk.resolve(partition + "/partition"), partition.substring(name.length()));
                }
            });
            return this;
        }

        /** A network interface the kernel made from the last interface. */
        Device net(String name) {
            String directory = busPath + ":1." + (interfaces - 1);
            extras.add(() -> write(deviceDirectory(busPath).resolve(directory + "/net/" + name + "/address"), "00:e0:4c:68:00:01"));
            return this;
        }

        Device descriptors(byte[] raw) {
            extras.add(() -> {
                try {
                    Files.write(deviceDirectory(busPath).resolve("descriptors"), raw);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return this;
        }

        /** Writes the device, then links it into /sys/bus/usb/devices: it appears complete. */
        void plug() {
            Path directory = deviceDirectory(busPath);
            for (String[] a : attributes) {
                write(directory.resolve(a[0]), a[1]);
            }
            try {
                Files.createDirectories(directory);
                extras.forEach(Runnable::run);
                Files.createSymbolicLink(root.resolve("sys/bus/usb/devices/" + busPath), Path.of("../../.." + devicePath(busPath).substring(4)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String hex(int code) {
        return String.format(Locale.ROOT, "%02x", code);
    }
}
