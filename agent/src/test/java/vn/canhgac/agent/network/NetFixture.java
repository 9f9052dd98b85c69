package vn.canhgac.agent.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a fixture host root shaped like a Linux machine's network view: {@code sys/class/net/*}
 * as the kernel lays it out (device and driver links included), and {@code proc/net/route},
 * {@code ipv6_route}, {@code fib_trie}, {@code if_inet6} and {@code etc/resolv.conf} in the
 * kernel's own formats.
 */
final class NetFixture {

    private static final String ROUTE_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    private final Path root;

    NetFixture(Path root) {
        this.root = root;
        directory("sys/class/net");
        directory("proc/net");
        write("proc/net/route", ROUTE_HEADER);
        write("proc/net/ipv6_route", "");
        write("proc/net/fib_trie", "Main:\n  +-- 0.0.0.0/0 3 0 5\n");
        write("proc/net/if_inet6", "");
    }

    Path root() {
        return root;
    }

    NetFixture loopback() {
        netInterface("lo", 772, true, "unknown");
        return this;
    }

    NetFixture ethernet(String name, boolean up) {
        netInterface(name, 1, up, up ? "up" : "down");
        device(name, "devices/pci0000:00/0000:00:1f.6", "bus/pci/drivers/e1000e");
        return this;
    }

    NetFixture wifi(String name, boolean up) {
        netInterface(name, 1, up, up ? "up" : "dormant");
        write("sys/class/net/" + name + "/uevent", "DEVTYPE=wlan\nINTERFACE=" + name + "\nIFINDEX=3\n");
        directory("sys/class/net/" + name + "/wireless");
        device(name, "devices/pci0000:00/0000:00:14.3", "bus/pci/drivers/iwlwifi");
        return this;
    }

    /** A phone sharing its connection over USB: RNDIS (Android) or CDC ECM, by driver and USB interface class. */
    NetFixture usbTethering(String name, String driver, String interfaceClass, String subClass, String protocol) {
        netInterface(name, 1, true, "up");
        String usbInterface = "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0";
        device(name, usbInterface, "bus/usb/drivers/" + driver);
        write("sys/" + usbInterface + "/bInterfaceClass", interfaceClass + "\n");
        write("sys/" + usbInterface + "/bInterfaceSubClass", subClass + "\n");
        write("sys/" + usbInterface + "/bInterfaceProtocol", protocol + "\n");
        return this;
    }

    NetFixture cellular(String name) {
        netInterface(name, 65534, true, "unknown");
        write("sys/class/net/" + name + "/uevent", "DEVTYPE=wwan\nINTERFACE=" + name + "\n");
        device(name, "devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.4", "bus/usb/drivers/qmi_wwan");
        return this;
    }

    NetFixture bluetoothPan(String name) {
        netInterface(name, 1, true, "up");
        return this;
    }

    NetFixture tun(String name) {
        netInterface(name, 65534, true, "unknown");
        write("sys/class/net/" + name + "/tun_flags", "0x1001\n");
        return this;
    }

    NetFixture bridge(String name) {
        netInterface(name, 1, true, "up");
        directory("sys/class/net/" + name + "/bridge");
        return this;
    }

    /** An IPv4 route as {@code /proc/net/route} prints it; {@code gateway} null for a directly connected network. */
    NetFixture route(String device, String destination, int prefix, String gateway) {
        int flags = 0x1 | (gateway == null ? 0 : 0x2);
        append("proc/net/route", device + "\t" + hex(destination) + "\t" + hex(gateway == null ? "0.0.0.0" : gateway) + "\t"
                + String.format("%04X", flags) + "\t0\t0\t" + (gateway == null ? 0 : 100) + "\t" + hex(mask(prefix))
                + "\t0\t0\t0\n");
        return this;
    }

    /** A connected route plus the address the interface holds in it (fib_trie's "/32 host LOCAL"). */
    NetFixture address(String device, String address, String network, int prefix) {
        route(device, network, prefix, null);
        append("proc/net/fib_trie", "     +-- " + network + "/" + prefix + " 2 0 2\n        |-- " + address + "\n           /32 host LOCAL\n");
        return this;
    }

    NetFixture ipv6Default(String device, String nextHop32Hex) {
        append("proc/net/ipv6_route", "00000000000000000000000000000000 00 00000000000000000000000000000000 00 " + nextHop32Hex
                + " 00000400 00000002 00000000 00000003 " + device + "\n");
        return this;
    }

    NetFixture resolvConf(String text) {
        write("etc/resolv.conf", text);
        return this;
    }

    NetFixture write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void append(String relative, String content) {
        try {
            Files.writeString(root.resolve(relative), content, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void netInterface(String name, int type, boolean up, String operstate) {
        String base = "sys/class/net/" + name + "/";
        write(base + "type", type + "\n");
        write(base + "operstate", operstate + "\n");
        write(base + "flags", (up ? "0x1003" : "0x1002") + "\n");
        write(base + "carrier", (up ? "1" : "0") + "\n");
        if (!Files.exists(root.resolve(base + "uevent"))) {
            write(base + "uevent", "INTERFACE=" + name + "\n");
        }
    }

    /** {@code sys/class/net/NAME/device -> /sys/DEVICE} and {@code DEVICE/driver -> /sys/DRIVER}, as absolute links inside the root. */
    private void device(String name, String device, String driver) {
        directory("sys/" + device);
        directory("sys/" + driver);
        link("sys/class/net/" + name + "/device", "/sys/" + device);
        link("sys/" + device + "/driver", "/sys/" + driver);
    }

    private void link(String relative, String target) {
        Path link = root.resolve(relative);
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void directory(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mask(int prefix) {
        long bits = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    /** The kernel's little-endian hex of a dotted quad: 192.0.2.1 is 010200C0. */
    private static String hex(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.");
        return String.format("%02X%02X%02X%02X", Integer.parseInt(parts[3]), Integer.parseInt(parts[2]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[0]));
    }
}
