package vn.canhgac.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.Enroller;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.protocol.tls.TlsSettings;

/** Enrols agents and gives them test-sized configurations. */
public final class TestAgents {

    static final OsFacts FACTS = new OsFacts("test-host", "Debian GNU/Linux", "12", "6.1.0", "amd64", "0123456789abcdef");

    private TestAgents() {}

    public static AgentConfig config(Path stateDirectory) {
        return new AgentConfig(stateDirectory, 1_000_000, 500, 30, Duration.ofMillis(100), Duration.ofSeconds(2), TlsSettings.HYBRID_PREFERRED,
                Enforcement.REPORT_ONLY, Optional.empty());
    }

    public static AgentIdentity enroll(InetSocketAddress enrollment, String token, Path stateDirectory) {
        return new Enroller(TlsSettings.HYBRID_PREFERRED, new SecureRandom()).enroll(enrollment, token, FACTS, stateDirectory);
    }
}
