package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.agent.collect.ConnectivityBoard.Verdict;
import vn.canhgac.agent.config.Enforcement;

class IsolationTest {

    private final List<String> broughtDown = new ArrayList<>();
    private final LinkController fake = device -> {
        broughtDown.add(device);
        return device.equals("wwan0") ? new LinkController.Outcome(false, "RTNETLINK answers: Operation not permitted")
                : new LinkController.Outcome(true, "ip link set dev " + device + " down");
    };

    private static Assessment offending(String... devices) {
        Map<String, List<String>> offending = new LinkedHashMap<>();
        for (String device : devices) {
            offending.put(device, List.of(device + " up (Wi-Fi): outside links are forbidden on a secret workstation"));
        }
        return new Assessment(Verdict.INTERNET, List.of(), List.copyOf(offending.values().stream().flatMap(List::stream).toList()), offending,
                Optional.of(new Assessment.ManagementLink("eth0", "reaches the management server 10.9.0.5 on internal network 10.0.0.0/8")));
    }

    @Test
    void offendingInterfacesAreBroughtDownAndTheManagementLinkIsKept() {
        List<Isolation.Step> steps = new Isolation(fake, Enforcement.ENFORCE).apply(offending("wlan0", "eth0", "wwan0"));
        assertEquals(List.of("wlan0", "wwan0"), broughtDown, "never the management link");
        assertEquals(List.of("brought-down", "kept", "failed"), steps.stream().map(Isolation.Step::outcome).toList());
        assertTrue(steps.get(1).detail().startsWith("kept up: it reaches the management server 10.9.0.5"), steps.get(1).detail());
        assertEquals("RTNETLINK answers: Operation not permitted", steps.get(2).detail(), "a failure says what the command said");
    }

    @Test
    void reportOnlyChangesNothingAndSaysWhatItWouldHaveDone() {
        List<Isolation.Step> steps = new Isolation(fake, Enforcement.REPORT_ONLY).apply(offending("wlan0"));
        assertTrue(broughtDown.isEmpty());
        assertEquals("would-bring-down", steps.getFirst().outcome());
        assertEquals("report-only: ip link set dev wlan0 down", steps.getFirst().detail());
    }

    @Test
    void aFixtureHostRootIsNeverChanged() {
        LinkController.Outcome outcome = LinkController.notThisHost("/tmp/fixture").bringDown("wlan0");
        assertFalse(outcome.done());
        assertTrue(outcome.detail().contains("/tmp/fixture"), outcome.detail());
    }

    @Test
    void anInterfaceNameThatCouldBeAnOptionNeverReachesTheCommand() {
        for (String name : List.of("-all", "a b", "x;reboot", "", "sixteen-chars-xx")) {
            LinkController.Outcome outcome = IpLinkCommand.onThisHost().bringDown(name);
            assertFalse(outcome.done(), name);
            assertTrue(outcome.detail().startsWith("refused: "), outcome.detail());
        }
    }
}
