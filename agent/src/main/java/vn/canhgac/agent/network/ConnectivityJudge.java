package vn.canhgac.agent.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.canhgac.agent.collect.ConnectivityBoard.Verdict;
import vn.canhgac.protocol.policy.Cidr;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.policy.RouteRule;
import vn.canhgac.protocol.policy.SecretDraftingPolicy;

/**
 * Turns a network state and probe results into a verdict, its signals and, for a secret
 * workstation, its violations. Pure: no I/O, so every case is a unit test.
 *
 * <p>The rule, in the terms of {@code secretDrafting} in the policy:
 * <ul>
 *   <li>A route is <em>internal</em> when its destination lies inside one of {@code internalNetworks}, or it is a host route
 *       to the management server; a default route is internal only when {@code allowDefaultRoute} is true and its gateway lies
 *       inside an internal network. Every other route (link-local, multicast and loopback aside) reaches an <em>outside</em>
 *       network. Only routes on interfaces that are up count.</li>
 *   <li>Verdict: {@code internet} when an outside route exists or a probe reached its endpoint; else {@code internal} when an
 *       internal route exists; else {@code offline}.</li>
 *   <li>For {@code secret-workstation}, violations: the {@code internet} verdict (each outside route and reachable probe), and
 *       any Wi-Fi, cellular, USB tethering or Bluetooth PAN interface that is up. Other roles get the verdict and no violation.</li>
 * </ul>
 */
public final class ConnectivityJudge {

    private ConnectivityJudge() {}

    /** @param management the management server's addresses (it counts as internal); empty when the agent is not enrolled */
    public static Assessment assess(NetworkState state, List<ProbeResult> probes, SecretDraftingPolicy policy, String role,
                                    List<InetAddress> management) {
        boolean secret = Roles.SECRET_WORKSTATION.equals(role);
        List<Cidr> internal = policy.internalNetworks();
        Set<String> up = state.interfaces().stream().filter(NetInterface::up).map(NetInterface::name).collect(Collectors.toSet());
        Set<String> known = state.interfaces().stream().map(NetInterface::name).collect(Collectors.toSet());
        // A route on an interface sysfs did not list (sysfs unreadable) counts: better a false alarm than a missed link.
        List<Route> active = state.routes().stream()
                .filter(route -> !route.device().equals("lo") && (up.contains(route.device()) || !known.contains(route.device())))
                .toList();

        List<String> signals = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        Map<String, List<String>> offending = new LinkedHashMap<>();

        for (NetInterface network : state.interfaces()) {
            if (network.up() && network.kind() != InterfaceKind.LOOPBACK) {
                signals.add(network.describe() + (network.addresses().isEmpty() ? "" : " " + String.join(" ", network.addresses())));
                if (secret && network.kind().outsideLink()) {
                    String reason = network.name() + " up (" + network.kind().label() + "): outside links are forbidden on a secret workstation";
                    violations.add(reason);
                    offending.computeIfAbsent(network.name(), device -> new ArrayList<>()).add(reason);
                }
            }
        }

        boolean anyInternal = false;
        boolean anyOutside = false;
        for (Route route : active) {
            InetAddress destination = route.destination().network();
            if (!route.isDefault() && (destination.isLinkLocalAddress() || destination.isMulticastAddress() || destination.isLoopbackAddress())) {
                continue;
            }
            Optional<String> outside = RouteRule.outsideReason(policy, route.isDefault(), route.destination(), route.gateway(), management);
            if (outside.isEmpty()) {
                anyInternal = true;
                signals.add(route.describe() + ": internal" + (route.isDefault() ? " (default route allowed by policy)" : ""));
                continue;
            }
            anyOutside = true;
            String reason = route.describe() + ": " + outside.get();
            signals.add(reason);
            if (secret) {
                violations.add(reason);
                offending.computeIfAbsent(route.device(), device -> new ArrayList<>()).add(reason);
            }
        }

        for (String server : state.dnsServers()) {
            signals.add("DNS server " + server);
        }

        boolean anyProbeReached = false;
        for (ProbeResult probe : probes) {
            signals.add(probe.describe());
            if (probe.outcome() == ProbeResult.Outcome.REACHABLE) {
                anyProbeReached = true;
                if (secret) {
                    String reason = probe.describe() + ": the Internet answered";
                    violations.add(reason);
                    address(probe.address()).flatMap(answered -> bestRoute(active, answered))
                            .ifPresent(route -> offending.computeIfAbsent(route.device(), device -> new ArrayList<>()).add(reason));
                }
            }
        }

        Optional<Assessment.ManagementLink> managementLink = managementLink(active, internal, management);
        managementLink.ifPresent(link -> signals.add("management link on " + link.device() + ": " + link.reason()));

        Verdict verdict = anyOutside || anyProbeReached ? Verdict.INTERNET : anyInternal ? Verdict.INTERNAL : Verdict.OFFLINE;
        if (verdict == Verdict.OFFLINE) {
            signals.add(up.stream().anyMatch(name -> !name.equals("lo"))
                    ? "no route leaves this machine" : "no network interface up besides loopback");
        }
        return new Assessment(verdict, signals, violations, offending, managementLink);
    }

    /** The interface the kernel would use to reach the management server, kept up by isolate when the server is internal. */
    private static Optional<Assessment.ManagementLink> managementLink(List<Route> active, List<Cidr> internal,
                                                                      List<InetAddress> management) {
        for (InetAddress server : management) {
            Optional<Route> route = bestRoute(active, server);
            Optional<Cidr> network = internal.stream().filter(candidate -> candidate.contains(server)).findFirst();
            if (route.isPresent() && network.isPresent()) {
                return Optional.of(new Assessment.ManagementLink(route.get().device(),
                        "reaches the management server " + Addresses.text(server) + " on internal network "
                                + Addresses.text(network.get().network()) + "/" + network.get().prefixLength()));
            }
        }
        return Optional.empty();
    }

    /** Longest-prefix match, lowest metric first among equals: the route the kernel's main table would pick. */
    static Optional<Route> bestRoute(List<Route> routes, InetAddress address) {
        return routes.stream().filter(route -> route.covers(address))
                .max(Comparator.<Route>comparingInt(route -> route.destination().prefixLength())
                        .thenComparing(Comparator.comparingLong(Route::metric).reversed()));
    }

    private static Optional<InetAddress> address(String text) {
        if (!text.matches("[0-9a-fA-F.:]+(%\\w+)?")) {
            return Optional.empty();
        }
        try {
            // A literal (the prober wrote it with Addresses.text), so getByName parses it and never asks DNS.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
