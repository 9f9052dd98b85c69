package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.agent.collect.ConnectivityBoard.Verdict;
import vn.canhgac.protocol.policy.Cidr;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.policy.SecretDraftingPolicy;

class ConnectivityJudgeTest {

    private static final SecretDraftingPolicy LAN_ONLY = new SecretDraftingPolicy("isolate", false, List.of("10.0.0.0/8"), null);
    private static final SecretDraftingPolicy LAN_WITH_GATEWAY = new SecretDraftingPolicy("alert", true, List.of("10.0.0.0/8"), null);

    private static NetInterface up(String name, InterfaceKind kind) {
        return new NetInterface(name, kind, true, "up", "", List.of());
    }

    private static Route route(String device, String destination, String gateway) throws Exception {
        return new Route(device, Cidr.parse(destination),
                gateway == null ? Optional.empty() : Optional.of(InetAddress.getByName(gateway)), 0);
    }

    private static NetworkState state(List<NetInterface> interfaces, List<Route> routes) {
        return new NetworkState(interfaces, routes, List.of(), List.of());
    }

    private static Assessment secret(NetworkState state, SecretDraftingPolicy policy, List<ProbeResult> probes, List<InetAddress> server) {
        return ConnectivityJudge.assess(state, probes, policy, Roles.SECRET_WORKSTATION, server);
    }

    @Test
    void aNetworkOutsideTheInternalRangesIsTheInternetEvenWithoutADefaultRoute() throws Exception {
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET)),
                List.of(route("eth0", "10.1.2.0/24", null), route("eth0", "198.51.100.0/24", "10.1.2.1"))), LAN_ONLY, List.of(), List.of());
        assertEquals(Verdict.INTERNET, assessment.verdict());
        assertEquals(List.of("198.51.100.0/24 via 10.1.2.1 dev eth0: outside the internal networks"), assessment.violations());
        assertEquals(List.of("eth0"), List.copyOf(assessment.offending().keySet()));
    }

    @Test
    void anAllowedDefaultRouteThroughAnInternalGatewayIsInternal() throws Exception {
        NetworkState lan = state(List.of(up("eth0", InterfaceKind.ETHERNET)),
                List.of(route("eth0", "10.1.2.0/24", null), route("eth0", "0.0.0.0/0", "10.1.2.1")));
        Assessment allowed = secret(lan, LAN_WITH_GATEWAY, List.of(), List.of());
        assertEquals(Verdict.INTERNAL, allowed.verdict());
        assertFalse(allowed.violation());
        assertTrue(allowed.signals().contains("default via 10.1.2.1 dev eth0: internal (default route allowed by policy)"), allowed.signals().toString());

        Assessment forbidden = secret(lan, LAN_ONLY, List.of(), List.of());
        assertEquals(Verdict.INTERNET, forbidden.verdict());
        assertEquals(List.of("default via 10.1.2.1 dev eth0: default route not allowed by policy"), forbidden.violations());
    }

    @Test
    void anAllowedDefaultRouteWhoseGatewayIsOutsideTheInternalNetworksIsStillTheInternet() throws Exception {
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET)), List.of(route("eth0", "0.0.0.0/0", "192.0.2.1"))),
                LAN_WITH_GATEWAY, List.of(), List.of());
        assertEquals(Verdict.INTERNET, assessment.verdict());
        assertEquals(List.of("default via 192.0.2.1 dev eth0: default route whose gateway is outside the internal networks"),
                assessment.violations());
    }

    @Test
    void routesOnInterfacesThatAreDownAndLinkLocalOrMulticastRoutesDoNotCount() throws Exception {
        NetInterface down = new NetInterface("eth1", InterfaceKind.ETHERNET, false, "down", "", List.of());
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET), down),
                List.of(route("eth1", "0.0.0.0/0", "192.0.2.1"), route("eth0", "fe80::/64", null), route("eth0", "ff00::/8", null),
                        route("eth0", "169.254.0.0/16", null))), LAN_ONLY, List.of(), List.of());
        assertEquals(Verdict.OFFLINE, assessment.verdict());
        assertTrue(assessment.signals().contains("no route leaves this machine"), assessment.signals().toString());
    }

    @Test
    void aHostRouteToTheManagementServerIsInternalAndItsLinkIsKept() throws Exception {
        InetAddress server = InetAddress.getByName("10.9.0.5");
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET), up("wlan0", InterfaceKind.WIFI)),
                        List.of(route("eth0", "10.9.0.5/32", "10.1.2.1"), route("wlan0", "0.0.0.0/0", "192.168.43.1"))),
                LAN_ONLY, List.of(), List.of(server));
        assertEquals(Optional.of("eth0"), assessment.managementLink().map(Assessment.ManagementLink::device));
        assertEquals(List.of("wlan0"), List.copyOf(assessment.offending().keySet()), "the management link carries no violation here");
        assertEquals(2, assessment.offending().get("wlan0").size(), "Wi-Fi up, and its default route");
    }

    @Test
    void aManagementServerOutsideTheInternalNetworksHasNoProtectedLink() throws Exception {
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET)), List.of(route("eth0", "0.0.0.0/0", "192.0.2.1"))),
                LAN_ONLY, List.of(), List.of(InetAddress.getByName("203.0.113.10")));
        assertEquals(Optional.empty(), assessment.managementLink());
    }

    @Test
    void aReachableProbeIsTheInternetAndBlamesTheInterfaceItsRouteUses() throws Exception {
        ProbeResult reached = new ProbeResult("tcp:10.200.0.9:443", ProbeResult.Outcome.REACHABLE, "10.200.0.9", "connected");
        ProbeResult untrusted = new ProbeResult("https:https://10.200.0.8/", ProbeResult.Outcome.UNTRUSTED, "10.200.0.8", "bad certificate");
        Assessment assessment = secret(state(List.of(up("eth0", InterfaceKind.ETHERNET), up("eth1", InterfaceKind.ETHERNET)),
                        List.of(route("eth0", "10.1.0.0/16", null), route("eth1", "10.200.0.0/16", null))),
                LAN_ONLY, List.of(reached, untrusted), List.of());
        assertEquals(Verdict.INTERNET, assessment.verdict());
        assertEquals(List.of("eth1"), List.copyOf(assessment.offending().keySet()));
        assertEquals(1, assessment.violations().size(), "an answer that failed verification is a signal, not proof of the Internet");
    }

    @Test
    void otherRolesGetTheVerdictAndNoViolation() throws Exception {
        NetworkState home = state(List.of(up("wlan0", InterfaceKind.WIFI)), List.of(route("wlan0", "0.0.0.0/0", "192.168.1.1")));
        for (String role : List.of(Roles.INTERNET_WORKSTATION, Roles.INTERNAL_WORKSTATION, Roles.MDM_HOST, "unknown-role")) {
            Assessment assessment = ConnectivityJudge.assess(home, List.of(), LAN_ONLY, role, List.of());
            assertEquals(Verdict.INTERNET, assessment.verdict(), role);
            assertFalse(assessment.violation(), role);
            assertEquals(0, assessment.offending().size(), role);
        }
    }

    @Test
    void withoutAnyInterfaceTheMachineIsOffline() {
        Assessment assessment = secret(state(List.of(), List.of()), LAN_ONLY, List.of(), List.of());
        assertEquals(Verdict.OFFLINE, assessment.verdict());
        assertEquals(List.of("no network interface up besides loopback"), assessment.signals());
        assertFalse(assessment.violation());
    }

    @Test
    void theKernelPicksTheLongestPrefixThenTheLowestMetric() throws Exception {
        Route wide = route("eth0", "10.0.0.0/8", null);
        Route narrow = route("eth1", "10.1.0.0/16", null);
        Route narrowCheaper = new Route("eth2", Cidr.parse("10.1.0.0/16"), Optional.empty(), -1);
        assertEquals(Optional.of(narrowCheaper), ConnectivityJudge.bestRoute(List.of(wide, narrow, narrowCheaper),
                InetAddress.getByName("10.1.2.3")));
    }
}
