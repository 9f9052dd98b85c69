package vn.canhgac.agent.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.canhgac.agent.host.HostRoot;

/**
 * Reads {@code /sys/class/net/*} under the host root: each interface's state and what kind of
 * link it is. The kind comes from what the kernel exposes, in this order: loopback; Wi-Fi
 * ({@code wireless/}, {@code phy80211}, DEVTYPE=wlan); cellular (DEVTYPE=wwan, a WWAN driver, a
 * PPP link, USB class MBIM); Bluetooth PAN (DEVTYPE=bluetooth, {@code bnep*}); USB tethering
 * (RNDIS or CDC drivers, or their USB interface classes); VPN ({@code tun_flags}, WireGuard,
 * IP tunnels); virtual (no device behind it); Ethernet.
 */
final class SysfsInterfaces {

    static final String CLASS_NET = "/sys/class/net";
    private static final int MAX_INTERFACES = 4096;
    private static final int MAX_ATTRIBUTE_BYTES = 4096;
    private static final int IFF_UP = 0x1;
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_PPP = 512;
    private static final int ARPHRD_LOOPBACK = 772;
    /** IPIP, SIT, IP6IP6, GRE, IP6GRE: tunnels. */
    private static final Set<Integer> ARPHRD_TUNNELS = Set.of(768, 776, 769, 778, 823);
    private static final Pattern NAME = Pattern.compile("[\\p{Graph}&&[^/]]{1,15}");
    private static final Set<String> CELLULAR_DRIVERS = Set.of("qmi_wwan", "cdc_mbim", "huawei_cdc_ncm", "sierra_net", "mhi_net",
            "mhi_wwan_mbim", "ipa", "rmnet");
    private static final Set<String> TETHERING_DRIVERS = Set.of("rndis_host", "cdc_ether", "cdc_ncm", "cdc_eem", "cdc_subset", "ipheth");
    /** USB interface class/subclass/protocol of RNDIS (two spellings), CDC ECM, CDC NCM and CDC EEM. */
    private static final Set<String> TETHERING_USB_CLASSES = Set.of("e0/01/03", "ef/04/01", "02/02/ff", "02/06/", "02/0d/", "02/0c/");
    private static final String MBIM_USB_CLASS = "02/0e/";

    private final HostRoot host;

    SysfsInterfaces(HostRoot host) {
        this.host = host;
    }

    List<NetInterface> read(List<NetworkState.Problem> problems) {
        List<String> names = names(problems);
        List<NetInterface> interfaces = new ArrayList<>(names.size());
        for (String name : names) {
            interfaces.add(read(name, problems));
        }
        return interfaces;
    }

    private List<String> names(List<NetworkState.Problem> problems) {
        Optional<Path> directory;
        try {
            directory = host.resolveLink(CLASS_NET);
        } catch (UncheckedIOException e) {
            problems.add(new NetworkState.Problem(CLASS_NET, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
        if (directory.isEmpty()) {
            // No sysfs at all (a minimal container, or a fixture of a machine without network): nothing to see.
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.get())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!NAME.matcher(name).matches()) {
                    problems.add(new NetworkState.Problem(CLASS_NET, "entry \"" + name.replaceAll("\\p{Cntrl}", "?")
                            + "\" is not an interface name; skipped"));
                } else if (names.size() == MAX_INTERFACES) {
                    problems.add(new NetworkState.Problem(CLASS_NET, "more than " + MAX_INTERFACES + " interfaces; the rest skipped"));
                    break;
                } else {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            problems.add(new NetworkState.Problem(CLASS_NET, "cannot be listed: " + e.getMessage()));
        }
        names.sort(null);
        return names;
    }

    private NetInterface read(String name, List<NetworkState.Problem> problems) {
        String base = CLASS_NET + "/" + name;
        Attributes attributes = new Attributes(base, problems);
        int type = attributes.number("type", 10).orElse(-1);
        String operstate = attributes.text("operstate").orElse("");
        Optional<Integer> flags = attributes.number("flags", 16);
        // Reading "carrier" of an interface that is administratively down fails with EINVAL: not a problem, just unknown.
        Optional<String> carrier = attributes.quiet("carrier");
        boolean adminUp = flags.map(value -> (value & IFF_UP) != 0).orElse(!operstate.equals("down"));
        boolean up = adminUp && (operstate.equals("up") || (operstate.equals("unknown") && !carrier.equals(Optional.of("0"))));
        String devtype = attributes.quiet("uevent").flatMap(SysfsInterfaces::devtype).orElse("");
        String driver = linkName(base + "/device/driver").orElse("");
        InterfaceKind kind = kind(name, type, devtype, driver, attributes.usbClass(), base);
        return new NetInterface(name, kind, up, operstate, driver, List.of());
    }

    private InterfaceKind kind(String name, int type, String devtype, String driver, String usbClass, String base) {
        if (type == ARPHRD_LOOPBACK || name.equals("lo")) {
            return InterfaceKind.LOOPBACK;
        }
        if (exists(base + "/wireless") || exists(base + "/phy80211") || devtype.equals("wlan")) {
            return InterfaceKind.WIFI;
        }
        if (devtype.equals("wwan") || CELLULAR_DRIVERS.contains(driver) || type == ARPHRD_PPP || usbClass.startsWith(MBIM_USB_CLASS)) {
            return InterfaceKind.CELLULAR;
        }
        if (devtype.equals("bluetooth") || name.startsWith("bnep")) {
            return InterfaceKind.BLUETOOTH_PAN;
        }
        if (TETHERING_DRIVERS.contains(driver) || TETHERING_USB_CLASSES.stream().anyMatch(usbClass::startsWith)) {
            return InterfaceKind.USB_TETHERING;
        }
        if (exists(base + "/tun_flags") || devtype.equals("wireguard") || ARPHRD_TUNNELS.contains(type)) {
            return InterfaceKind.VPN;
        }
        if (!exists(base + "/device")) {
            return InterfaceKind.VIRTUAL;
        }
        return type == ARPHRD_ETHER ? InterfaceKind.ETHERNET : InterfaceKind.OTHER;
    }

    private boolean exists(String hostPath) {
        try {
            return host.exists(hostPath);
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private Optional<String> linkName(String hostPath) {
        try {
            return host.resolveLink(hostPath).map(path -> path.getFileName().toString());
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> devtype(String uevent) {
        return uevent.lines().filter(line -> line.startsWith("DEVTYPE=")).map(line -> line.substring("DEVTYPE=".length()).strip())
                .findFirst();
    }

    /** Small sysfs attributes of one interface; unreadable or malformed ones become problems. */
    private final class Attributes {
        private final String base;
        private final List<NetworkState.Problem> problems;

        Attributes(String base, List<NetworkState.Problem> problems) {
            this.base = base;
            this.problems = problems;
        }

        Optional<String> text(String attribute) {
            try {
                return host.readString(base + "/" + attribute, MAX_ATTRIBUTE_BYTES).map(String::strip);
            } catch (UncheckedIOException e) {
                problems.add(new NetworkState.Problem(base + "/" + attribute, "cannot be read: " + e.getMessage()));
                return Optional.empty();
            }
        }

        Optional<String> quiet(String attribute) {
            try {
                return host.readString(base + "/" + attribute, MAX_ATTRIBUTE_BYTES).map(String::strip);
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        }

        Optional<Integer> number(String attribute, int radix) {
            Optional<String> value = text(attribute);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String digits = radix == 16 && value.get().startsWith("0x") ? value.get().substring(2) : value.get();
            try {
                return Optional.of(Integer.parseUnsignedInt(digits, radix));
            } catch (NumberFormatException e) {
                problems.add(new NetworkState.Problem(base + "/" + attribute, "expected a number (got \""
                        + value.get().substring(0, Math.min(40, value.get().length())).replaceAll("\\p{Cntrl}", "?") + "\"); ignored"));
                return Optional.empty();
            }
        }

        /** "class/subclass/protocol" of the USB interface behind the device, or "" when it is not USB. */
        String usbClass() {
            Optional<String> interfaceClass = quiet("device/bInterfaceClass");
            if (interfaceClass.isEmpty()) {
                return "";
            }
            return interfaceClass.get().toLowerCase() + "/" + quiet("device/bInterfaceSubClass").orElse("").toLowerCase() + "/"
                    + quiet("device/bInterfaceProtocol").orElse("").toLowerCase();
        }
    }
}
