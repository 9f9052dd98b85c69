package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.SecretDraftingPolicy.Probe;

class ProberTest {

    private LocalHttpsServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = LocalHttpsServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Prober trustingTheServer() {
        return new Prober(server.clientTrust(), Duration.ofSeconds(2));
    }

    /** A loopback port that was just free: nothing listens on it. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anHttpsEndpointWhoseCertificateVerifiesIsReachable() {
        ProbeResult result = trustingTheServer().run(List.of(Probe.of(null, server.uri("/health").toString()))).getFirst();
        assertEquals(ProbeResult.Outcome.REACHABLE, result.outcome(), result.toString());
        assertEquals("HTTP 204", result.detail());
        assertEquals("127.0.0.1", result.address());
        assertEquals(1, server.requests());
    }

    @Test
    void anHttpsEndpointWithACertificateTheTrustStoreDoesNotKnowAnsweredUntrusted() {
        ProbeResult result = Prober.withDefaultTrust().run(List.of(Probe.of(null, server.uri("/health").toString()))).getFirst();
        assertEquals(ProbeResult.Outcome.UNTRUSTED, result.outcome(), result.toString());
        assertTrue(result.detail().startsWith("its certificate did not verify"), result.detail());
        assertEquals(0, server.requests(), "no request is sent over a connection that failed verification");
    }

    @Test
    void tcpConnectToAListeningPortIsReachableAndToAClosedPortIsNot() throws Exception {
        int closed = closedPort();
        List<ProbeResult> results = trustingTheServer().run(List.of(Probe.of("127.0.0.1:" + server.port(), null),
                Probe.of("127.0.0.1:" + closed, null), Probe.of(null, "https://127.0.0.1:" + closed + "/health")));
        assertEquals(ProbeResult.Outcome.REACHABLE, results.get(0).outcome(), results.get(0).toString());
        assertEquals(ProbeResult.Outcome.UNREACHABLE, results.get(1).outcome());
        assertEquals("connection refused", results.get(1).detail());
        assertEquals(ProbeResult.Outcome.UNREACHABLE, results.get(2).outcome());
        assertEquals("connection refused", results.get(2).detail());
        assertEquals("tcp:127.0.0.1:" + closed, results.get(1).target(), "results name the probe as the policy wrote it");
    }

    @Test
    void noProbesMeansNoTraffic() {
        assertEquals(List.of(), trustingTheServer().run(List.of()));
        assertEquals(0, server.requests());
    }

    @Test
    void aNonPositiveTimeoutIsRefusedWithTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Prober(server.clientTrust(), Duration.ZERO));
        assertTrue(error.getMessage().contains("PT0S"), error.getMessage());
    }
}
