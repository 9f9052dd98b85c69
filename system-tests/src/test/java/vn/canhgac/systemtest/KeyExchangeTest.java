package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.tls.TlsSettings;

/** The negotiated group, as logged per connection, follows the configured groups. */
class KeyExchangeTest {

    @TempDir
    Path directory;

    @Test
    void hybridPostQuantumGroupIsNegotiatedByDefault() throws Exception {
        assertEquals("X25519MLKEM768", negotiatedWith(TlsSettings.HYBRID_PREFERRED));
    }

    @Test
    void classicalX25519IsTheConfiguredFallback() throws Exception {
        assertEquals("x25519", negotiatedWith(TlsSettings.CLASSICAL_ONLY));
    }

    private String negotiatedWith(TlsSettings serverGroups) throws Exception {
        try (TestServer server = TestServer.start(directory.resolve(serverGroups.earlyKeyShare()), Clock.systemUTC(), serverGroups)) {
            Path state = directory.resolve(serverGroups.earlyKeyShare() + "-agent");
            TestAgents.enroll(server.enrollmentAddress(), server.token("internal-workstation"), state);
            AgentConfig config = TestAgents.config(state);
            try (AgentRuntime agent = AgentRuntime.start(config, HostRoot.of(state), Clock.systemUTC())) {
                Await.until(Duration.ofSeconds(10), agent::isConnected, () -> "agent never connected");
                return agent.negotiatedGroup();
            }
        }
    }
}
