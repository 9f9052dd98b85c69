package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.host.HostRoot;

class NetworkStateReaderTest {

    @TempDir
    Path root;

    private NetworkState read() {
        return new NetworkStateReader(HostRoot.of(root)).read();
    }

    private Map<String, NetInterface> byName(NetworkState state) {
        return state.interfaces().stream().collect(Collectors.toMap(NetInterface::name, Function.identity()));
    }

    @Test
    void everyKindOfLinkIsRecognisedFromWhatSysfsShows() {
        new NetFixture(root).loopback().ethernet("eth0", true).wifi("wlan0", true)
                .usbTethering("usb0", "rndis_host", "e0", "01", "03").usbTethering("enx1", "unknown_driver", "02", "06", "00")
                .cellular("wwan0").bluetoothPan("bnep0").tun("tun0").bridge("docker0");
        Map<String, NetInterface> interfaces = byName(read());
        assertEquals(InterfaceKind.LOOPBACK, interfaces.get("lo").kind());
        assertEquals(InterfaceKind.ETHERNET, interfaces.get("eth0").kind());
        assertEquals("e1000e", interfaces.get("eth0").driver());
        assertEquals(InterfaceKind.WIFI, interfaces.get("wlan0").kind());
        assertEquals(InterfaceKind.USB_TETHERING, interfaces.get("usb0").kind(), "RNDIS driver");
        assertEquals(InterfaceKind.USB_TETHERING, interfaces.get("enx1").kind(), "CDC ECM interface class, whatever the driver");
        assertEquals(InterfaceKind.CELLULAR, interfaces.get("wwan0").kind());
        assertEquals(InterfaceKind.BLUETOOTH_PAN, interfaces.get("bnep0").kind());
        assertEquals(InterfaceKind.VPN, interfaces.get("tun0").kind());
        assertEquals(InterfaceKind.VIRTUAL, interfaces.get("docker0").kind());
        assertTrue(interfaces.get("tun0").up(), "operstate unknown with carrier is up, as tun reports it");
    }

    @Test
    void wifiIsAlsoRecognisedByPhy80211AloneAndDownMeansDown() throws Exception {
        new NetFixture(root).ethernet("wlp2s0", false);
        Files.createDirectories(root.resolve("sys/class/net/wlp2s0/phy80211"));
        NetInterface wifi = read().interfaces().getFirst();
        assertEquals(InterfaceKind.WIFI, wifi.kind());
        assertFalse(wifi.up());
        assertEquals("down", wifi.operstate());
    }

    @Test
    void anAdministrativelyDownInterfaceIsNotUpWhateverItsOperstate() {
        new NetFixture(root).ethernet("eth0", true).write("sys/class/net/eth0/flags", "0x1002\n");
        assertFalse(read().interfaces().getFirst().up());
    }

    @Test
    void addressesRoutesAndDnsServersAreGatheredPerInterface() {
        new NetFixture(root).loopback().ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24)
                .route("eth0", "0.0.0.0", 0, "10.1.2.1").ipv6Default("eth0", "fd000000000000000000000000000001")
                .write("proc/net/if_inet6", "fd000000000000000000000000000007 02 40 00 80     eth0\n")
                .resolvConf("nameserver 10.1.2.53\n");
        NetworkState state = read();
        assertEquals(List.of("10.1.2.7/24", "fd00::7/64"), byName(state).get("eth0").addresses());
        assertEquals(List.of("10.1.2.0/24 dev eth0", "default via 10.1.2.1 dev eth0", "default via fd00::1 dev eth0"),
                state.routes().stream().map(Route::describe).toList());
        assertEquals(List.of("10.1.2.53"), state.dnsServers());
        assertEquals(List.of(), state.problems());
    }

    @Test
    void behindSystemdResolvedTheUpstreamServersAreListedToo() {
        new NetFixture(root).resolvConf("nameserver 127.0.0.53\noptions edns0\n")
                .write("run/systemd/resolve/resolv.conf", "nameserver 203.0.113.53\n");
        assertEquals(List.of("127.0.0.53", "203.0.113.53"), read().dnsServers());
    }

    @Test
    void aHostRootWithoutSysfsOrProcIsAMachineWithoutNetworkNotAnError() {
        NetworkState state = read();
        assertEquals(List.of(), state.interfaces());
        assertEquals(List.of(), state.routes());
        assertEquals(List.of(), state.problems());
    }

    @Test
    void unreadableAndMalformedFilesBecomeProblemsAndTheRestIsStillRead() throws Exception {
        new NetFixture(root).ethernet("eth0", true).wifi("wlan0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24)
                .write("sys/class/net/eth0/type", "ethernet?\n").write("proc/net/ipv6_route", "\0\0\0 binary junk\n");
        Files.delete(root.resolve("sys/class/net/wlan0/operstate"));
        Files.createDirectories(root.resolve("sys/class/net/wlan0/operstate"));
        Files.createDirectories(root.resolve("etc/resolv.conf"));
        NetworkState state = read();
        assertEquals(2, state.interfaces().size());
        assertEquals(List.of("10.1.2.0/24 dev eth0"), state.routes().stream().map(Route::describe).toList());
        List<String> paths = state.problems().stream().map(NetworkState.Problem::path).toList();
        assertTrue(paths.contains("/sys/class/net/eth0/type"), paths.toString());
        assertTrue(paths.contains("/sys/class/net/wlan0/operstate"), paths.toString());
        assertTrue(paths.contains("/proc/net/ipv6_route"), paths.toString());
        assertTrue(paths.contains("/etc/resolv.conf"), paths.toString());
        assertFalse(byName(state).get("wlan0").up(), "an interface whose state cannot be read is not taken as up");
    }

    @Test
    void anOversizedRoutingTableIsReadUpToTheLimitAndSaysSo() {
        NetFixture fixture = new NetFixture(root).ethernet("eth0", true);
        String line = "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n";
        fixture.write("proc/net/route", "Iface\tDestination\n" + line.repeat(NetworkStateReader.MAX_TABLE_BYTES / line.length() + 10));
        NetworkState state = read();
        assertTrue(state.problems().stream().anyMatch(problem -> problem.message().contains("only the beginning was read")),
                state.problems().toString());
        assertTrue(state.routes().size() > 1000);
        assertEquals(1, state.problems().size(), "the line cut at the limit is dropped, not reported as garbage");
    }

    @Test
    void oddEntriesInClassNetAreSkippedWithAProblem() throws Exception {
        new NetFixture(root).ethernet("eth0", true);
        Files.createDirectories(root.resolve("sys/class/net/this-name-is-far-too-long"));
        NetworkState state = read();
        assertEquals(List.of("eth0"), state.interfaces().stream().map(NetInterface::name).toList());
        assertEquals(1, state.problems().size());
    }
}
