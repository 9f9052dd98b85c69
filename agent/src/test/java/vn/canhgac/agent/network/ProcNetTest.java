package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcNetTest {

    private final List<NetworkState.Problem> problems = new ArrayList<>();

    private ParseProblems problemsOf(String path) {
        return new ParseProblems(path, problems);
    }

    private static final String ROUTE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
            eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            eth1\t0000000A\t00000000\t0201\t0\t0\t0\t000000FF\t0\t0\t0
            eth2\t0000000A\t00000000\t0000\t0\t0\t0\t000000FF\t0\t0\t0
            """;

    @Test
    void ipv4RoutesAreReadAsTheKernelPrintsThem() {
        List<Route> routes = ProcNet.routesV4(ROUTE, problemsOf("/proc/net/route"));
        assertEquals(List.of("default via 192.0.2.1 dev eth0", "192.0.2.0/24 dev eth0"), routes.stream().map(Route::describe).toList(),
                "reject (0x200) and not-up routes are left out");
        assertTrue(routes.getFirst().isDefault());
        assertEquals(100, routes.getFirst().metric());
        assertEquals(List.of(), problems);
    }

    @Test
    void garbageRouteLinesAreReportedWithTheirLineAndTheRestIsKept() {
        String text = ROUTE + "eth0\tnothex!!\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "short line\n" + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FF00FF\t0\t0\t0\n";
        List<Route> routes = ProcNet.routesV4(text, problemsOf("/proc/net/route"));
        assertEquals(2, routes.size());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("line 6: "), problems.get(0).message());
        assertTrue(problems.get(2).message().contains("not contiguous"), problems.get(2).message());
        assertEquals("/proc/net/route", problems.get(0).path());
    }

    @Test
    void aFileOfGarbageYieldsAFewProblemsAndACountNotThousands() {
        String text = "header\n" + "garbage\n".repeat(10_000);
        assertEquals(List.of(), ProcNet.routesV4(text, problemsOf("/proc/net/route")));
        assertEquals(6, problems.size());
        assertEquals("9995 more unparsable line(s) skipped", problems.getLast().message());
    }

    @Test
    void ipv6RoutesSkipTheKernelsLocalRejectAndCachedEntries() {
        String text = """
                fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0
                00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
                zz
                """;
        List<Route> routes = ProcNet.routesV6(text, problemsOf("/proc/net/ipv6_route"));
        assertEquals(List.of("fd00::/64 dev eth0", "default via fd00::1 dev eth0"),
                routes.stream().map(Route::describe).toList());
        assertEquals(1, problems.size());
    }

    @Test
    void localIpv4AddressesComeFromFibTrieAndAreAttributedByConnectedRoute() throws Exception {
        String fibTrie = """
                Main:
                  +-- 0.0.0.0/0 3 0 5
                     |-- 0.0.0.0
                        /0 universe UNICAST
                     +-- 127.0.0.0/8 2 0 2
                        |-- 127.0.0.1
                           /32 host LOCAL
                     +-- 192.0.2.0/24 2 0 2
                        |-- 192.0.2.0
                           /24 link UNICAST
                        |-- 192.0.2.2
                           /32 host LOCAL
                        |-- 192.0.2.255
                           /32 link BROADCAST
                Local:
                        |-- 192.0.2.2
                           /32 host LOCAL
                        |-- 198.51.100.9
                           /32 host LOCAL
                """;
        List<InetAddress> local = ProcNet.localAddressesV4(fibTrie, problemsOf("/proc/net/fib_trie"));
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.2"), InetAddress.getByName("198.51.100.9")),
                local, "each address once; broadcast and network entries are not addresses");
        Map<String, List<String>> byDevice = ProcNet.attribute(local, ProcNet.routesV4(ROUTE, problemsOf("/proc/net/route")));
        assertEquals(Map.of("lo", List.of("127.0.0.1/8"), "eth0", List.of("192.0.2.2/24")), byDevice,
                "an address without a connected route is left out rather than guessed");
    }

    @Test
    void ipv6AddressesSkipLinkLocalAndHostScope() {
        String text = """
                fd000000000000000000000000000002 04 40 00 82     eth0
                00000000000000000000000000000001 01 80 10 80       lo
                fe8000000000000000fc00fffe000001 04 40 20 80     eth0
                """;
        assertEquals(Map.of("eth0", List.of("fd00::2/64")), ProcNet.addressesV6(text, problemsOf("/proc/net/if_inet6")));
    }

    @Test
    void nameserversAreReadAndABadOneIsReported() {
        String text = "# generated\nsearch example.gov.vn\nnameserver 10.0.0.53\nnameserver fe80::1%eth0\nnameserver ;rm -rf\n";
        assertEquals(List.of("10.0.0.53", "fe80::1%eth0"), ProcNet.nameservers(text, problemsOf("/etc/resolv.conf")));
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().message().startsWith("line 5"), problems.getFirst().message());
    }

    @Test
    void ipv4LiteralsAreParsedWithoutDns() {
        assertEquals("10.1.2.3", ProcNet.ipv4("10.1.2.3").getHostAddress());
        for (String bad : List.of("10.1.2", "10.1.2.256", "a.b.c.d", "192.0.2.1.5")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProcNet.ipv4(bad));
            assertTrue(error.getMessage().contains(bad), error.getMessage());
        }
    }
}
