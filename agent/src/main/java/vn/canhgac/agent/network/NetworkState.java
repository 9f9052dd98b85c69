package vn.canhgac.agent.network;

import java.util.List;

/**
 * What the host says about its network at one moment: interfaces, routes and DNS servers, and
 * whatever could not be read or parsed ({@link Problem}s, each naming the host file). A problem
 * never hides the rest: what could be read is here.
 */
public record NetworkState(List<NetInterface> interfaces, List<Route> routes, List<String> dnsServers, List<Problem> problems) {

    public NetworkState {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
        dnsServers = List.copyOf(dnsServers);
        problems = List.copyOf(problems);
    }

    /** A file that could not be read or held something that is not what the kernel writes. */
    public record Problem(String path, String message) {}

    /** Whether the interfaces, routes or DNS servers differ: the cheap check that decides if a full evaluation is due. */
    public boolean sameNetworkAs(NetworkState other) {
        return other != null && interfaces.equals(other.interfaces) && routes.equals(other.routes) && dnsServers.equals(other.dnsServers);
    }
}
