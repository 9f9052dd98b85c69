package vn.canhgac.agent.network;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import vn.canhgac.agent.host.HostRoot;

/**
 * Reads the host's network state from the host root: interfaces from sysfs, routes and
 * addresses from {@code /proc/net}, DNS servers from {@code /etc/resolv.conf} (and, behind
 * systemd-resolved's 127.0.0.53 stub, from {@code /run/systemd/resolve/resolv.conf}).
 * Every file is read with a size limit; anything unreadable or malformed becomes a
 * {@link NetworkState.Problem} and the rest is still read. Cheap enough to run every few seconds.
 */
public final class NetworkStateReader {

    static final String ROUTE = "/proc/net/route";
    static final String IPV6_ROUTE = "/proc/net/ipv6_route";
    static final String FIB_TRIE = "/proc/net/fib_trie";
    static final String IF_INET6 = "/proc/net/if_inet6";
    static final String RESOLV_CONF = "/etc/resolv.conf";
    static final String RESOLVED_UPSTREAM = "/run/systemd/resolve/resolv.conf";
    /** Routing tables of a router can be large; a workstation's are a few lines. Beyond this we say so and judge what was read. */
    static final int MAX_TABLE_BYTES = 4 * 1024 * 1024;
    private static final int MAX_RESOLV_CONF_BYTES = 64 * 1024;

    private final HostRoot host;
    private final SysfsInterfaces sysfs;

    public NetworkStateReader(HostRoot host) {
        this.host = host;
        this.sysfs = new SysfsInterfaces(host);
    }

    public NetworkState read() {
        List<NetworkState.Problem> problems = new ArrayList<>();
        List<NetInterface> interfaces = sysfs.read(problems);
        List<Route> routes = new ArrayList<>(parse(ROUTE, MAX_TABLE_BYTES, problems, ProcNet::routesV4).orElse(List.of()));
        routes.addAll(parse(IPV6_ROUTE, MAX_TABLE_BYTES, problems, ProcNet::routesV6).orElse(List.of()));
        List<InetAddress> local = parse(FIB_TRIE, MAX_TABLE_BYTES, problems, ProcNet::localAddressesV4).orElse(List.of());
        Map<String, List<String>> v4 = ProcNet.attribute(local, routes);
        Map<String, List<String>> v6 = parse(IF_INET6, MAX_TABLE_BYTES, problems, ProcNet::addressesV6).orElse(Map.of());
        List<NetInterface> withAddresses = interfaces.stream().map(network -> {
            List<String> addresses = new ArrayList<>(v4.getOrDefault(network.name(), List.of()));
            addresses.addAll(v6.getOrDefault(network.name(), List.of()));
            return network.withAddresses(addresses);
        }).toList();
        return new NetworkState(withAddresses, routes, dnsServers(problems), problems);
    }

    private List<String> dnsServers(List<NetworkState.Problem> problems) {
        Set<String> servers = new LinkedHashSet<>(
                parse(RESOLV_CONF, MAX_RESOLV_CONF_BYTES, problems, ProcNet::nameservers).orElse(List.of()));
        if (servers.stream().anyMatch(server -> server.startsWith("127."))) {
            servers.addAll(parse(RESOLVED_UPSTREAM, MAX_RESOLV_CONF_BYTES, problems, ProcNet::nameservers).orElse(List.of()));
        }
        return List.copyOf(servers);
    }

    /** Reads one file (at most {@code limit} bytes; a longer one is reported and its cut last line dropped) and parses it. */
    private <T> Optional<T> parse(String hostPath, int limit, List<NetworkState.Problem> problems,
                                  BiFunction<String, ParseProblems, T> parser) {
        ParseProblems fileProblems = new ParseProblems(hostPath, problems);
        Optional<String> text;
        try {
            text = host.readString(hostPath, limit + 1);
        } catch (UncheckedIOException e) {
            fileProblems.file("cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String content = text.get();
        if (content.length() > limit) {
            fileProblems.file("larger than " + limit + " bytes; only the beginning was read");
            content = content.substring(0, content.lastIndexOf('\n', limit) + 1);
        }
        return Optional.of(parser.apply(content, fileProblems));
    }
}
