package vn.canhgac.agent.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.canhgac.protocol.policy.Cidr;

/**
 * Parsers for the kernel's network text files. Pure functions of the text: no I/O, so each is
 * tested on the kernel's own output and on garbage. A line that does not have the kernel's shape
 * is skipped and reported through {@link ParseProblems}; the rest of the file still counts.
 *
 * <p>Implementation notes: {@code /proc/net/route} prints addresses as the 32-bit value in host
 * byte order; like every Linux tool we read them as little-endian, which is right on x86 and ARM
 * (the only platforms the agent is built for).
 */
final class ProcNet {

    private static final int RTF_UP = 0x1;
    private static final int RTF_REJECT = 0x200;
    private static final int RTF_CACHE = 0x01000000;
    private static final int RTF_LOCAL = 0x80000000;
    private static final Pattern DEVICE = Pattern.compile("[\\p{Graph}&&[^/]]{1,15}");
    private static final Pattern FIB_ADDRESS = Pattern.compile("^[\\s|+]*\\|-- (\\d{1,3}(?:\\.\\d{1,3}){3})$");
    private static final Pattern FIB_LOCAL = Pattern.compile("^\\s*/32 host LOCAL$");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HEX8 = Pattern.compile("[0-9a-fA-F]{8}");
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final Pattern NAMESERVER = Pattern.compile("[0-9a-fA-F.:]+(%[\\w.-]+)?");
    private static final int IPV6_SCOPE_LINK = 0x20;
    private static final int IPV6_SCOPE_HOST = 0x10;

    private ProcNet() {}

    /** {@code /proc/net/route}: usable IPv4 routes (up, not reject). */
    static List<Route> routesV4(String text, ParseProblems problems) {
        List<Route> routes = new ArrayList<>();
        eachLine(text, 1, problems, fields -> {
            if (fields.length < 8 || !DEVICE.matcher(fields[0]).matches()) {
                throw new IllegalArgumentException("expected Iface Destination Gateway Flags RefCnt Use Metric Mask …");
            }
            int flags = Integer.parseUnsignedInt(fields[3], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                return;
            }
            int prefix = prefixLength(littleEndian(fields[7]));
            InetAddress destination = InetAddress.getByAddress(littleEndian(fields[1]));
            byte[] gateway = littleEndian(fields[2]);
            routes.add(new Route(fields[0], new Cidr(destination, prefix),
                    isZero(gateway) ? Optional.empty() : Optional.of(InetAddress.getByAddress(gateway)), Long.parseLong(fields[6])));
        });
        return routes;
    }

    /** {@code /proc/net/ipv6_route}: usable IPv6 routes (up, not reject, not the kernel's local or cached entries). */
    static List<Route> routesV6(String text, ParseProblems problems) {
        List<Route> routes = new ArrayList<>();
        eachLine(text, 0, problems, fields -> {
            if (fields.length != 10 || !HEX32.matcher(fields[0]).matches() || !HEX32.matcher(fields[4]).matches()
                    || !DEVICE.matcher(fields[9]).matches()) {
                throw new IllegalArgumentException("expected destination prefix source prefix next-hop metric refcount use flags device");
            }
            int flags = Integer.parseUnsignedInt(fields[8], 16);
            if ((flags & RTF_UP) == 0 || (flags & (RTF_REJECT | RTF_CACHE | RTF_LOCAL)) != 0) {
                return;
            }
            int prefix = Integer.parseInt(fields[1], 16);
            if (prefix > 128) {
                throw new IllegalArgumentException("prefix length " + prefix + " is over 128");
            }
            byte[] nextHop = HexFormat.of().parseHex(fields[4]);
            routes.add(new Route(fields[9], new Cidr(InetAddress.getByAddress(HexFormat.of().parseHex(fields[0])), prefix),
                    isZero(nextHop) ? Optional.empty() : Optional.of(InetAddress.getByAddress(nextHop)),
                    Long.parseUnsignedLong(fields[5], 16)));
        });
        return routes;
    }

    /**
     * {@code /proc/net/fib_trie}: the machine's own IPv4 addresses (the "/32 host LOCAL" leaves).
     * The file does not say which interface holds an address; {@link #attribute} finds out from the routes.
     */
    static List<InetAddress> localAddressesV4(String text, ParseProblems problems) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        String candidate = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher address = FIB_ADDRESS.matcher(lines[i]);
            if (address.matches()) {
                candidate = address.group(1);
            } else if (candidate != null && FIB_LOCAL.matcher(lines[i]).matches()) {
                try {
                    addresses.add(ipv4(candidate));
                } catch (IllegalArgumentException e) {
                    problems.line(i + 1, e.getMessage());
                }
            }
        }
        problems.finish();
        return List.copyOf(addresses);
    }

    /** {@code /proc/net/if_inet6}: global and site addresses per interface (link-local ones are on every interface and say nothing). */
    static Map<String, List<String>> addressesV6(String text, ParseProblems problems) {
        Map<String, List<String>> byDevice = new LinkedHashMap<>();
        eachLine(text, 0, problems, fields -> {
            if (fields.length != 6 || !HEX32.matcher(fields[0]).matches() || !DEVICE.matcher(fields[5]).matches()) {
                throw new IllegalArgumentException("expected address index prefix scope flags device");
            }
            int scope = Integer.parseInt(fields[3], 16);
            if (scope != IPV6_SCOPE_LINK && scope != IPV6_SCOPE_HOST) {
                String address = Addresses.text(InetAddress.getByAddress(HexFormat.of().parseHex(fields[0])));
                byDevice.computeIfAbsent(fields[5], device -> new ArrayList<>()).add(address + "/" + Integer.parseInt(fields[2], 16));
            }
        });
        return byDevice;
    }

    /** {@code /etc/resolv.conf}: the {@code nameserver} addresses, in order. */
    static List<String> nameservers(String text, ParseProblems problems) {
        List<String> servers = new ArrayList<>();
        eachLine(text, 0, problems, fields -> {
            if (!fields[0].equals("nameserver")) {
                return;
            }
            if (fields.length < 2 || !NAMESERVER.matcher(fields[1]).matches()) {
                throw new IllegalArgumentException("nameserver must be followed by an IP address");
            }
            servers.add(fields[1]);
        });
        return servers;
    }

    /** Parses the whitespace-separated fields of one line; throws IllegalArgumentException, with what was expected, for a bad line. */
    @FunctionalInterface
    private interface LineParser {
        void parse(String[] fields) throws UnknownHostException;
    }

    /** Feeds each non-blank line after {@code header} lines to {@code parser}; a line it refuses becomes a problem with its number. */
    private static void eachLine(String text, int header, ParseProblems problems, LineParser parser) {
        String[] lines = text.split("\n");
        for (int i = header; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                parser.parse(FIELDS.split(line));
            } catch (IllegalArgumentException | UnknownHostException e) {
                problems.line(i + 1, e.getMessage());
            }
        }
        problems.finish();
    }

    /**
     * Which interface holds each local IPv4 address: the one whose directly connected route (no
     * gateway) covers it most narrowly. Loopback addresses go to "lo"; an address with no
     * connected route (a point-to-point peer, say) is left out.
     */
    static Map<String, List<String>> attribute(List<InetAddress> addresses, List<Route> routes) {
        Map<String, List<String>> byDevice = new LinkedHashMap<>();
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                byDevice.computeIfAbsent("lo", device -> new ArrayList<>()).add(address.getHostAddress() + "/8");
                continue;
            }
            routes.stream()
                    .filter(route -> route.gateway().isEmpty() && !route.isDefault() && route.covers(address))
                    .max((a, b) -> Integer.compare(a.destination().prefixLength(), b.destination().prefixLength()))
                    .ifPresent(route -> byDevice.computeIfAbsent(route.device(), device -> new ArrayList<>())
                            .add(address.getHostAddress() + "/" + route.destination().prefixLength()));
        }
        return byDevice;
    }

    /** A dotted-quad IPv4 literal, parsed without ever consulting DNS. */
    static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value;
            try {
                value = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static byte[] littleEndian(String hex) {
        if (!HEX8.matcher(hex).matches()) {
            throw new IllegalArgumentException("\"" + hex + "\" is not 8 hex digits");
        }
        int value = Integer.parseUnsignedInt(hex, 16);
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static int prefixLength(byte[] mask) {
        int bits = ((mask[0] & 0xff) << 24) | ((mask[1] & 0xff) << 16) | ((mask[2] & 0xff) << 8) | (mask[3] & 0xff);
        int prefix = Integer.bitCount(bits);
        if (bits != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
            throw new IllegalArgumentException("mask " + Integer.toHexString(bits) + " is not contiguous");
        }
        return prefix;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
