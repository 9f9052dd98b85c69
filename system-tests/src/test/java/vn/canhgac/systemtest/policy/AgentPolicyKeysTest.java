package vn.canhgac.systemtest.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.systemtest.Await;
import vn.canhgac.systemtest.TestAgents;
import vn.canhgac.systemtest.TestServer;

/** The agent's half of signed policies against a real server: the keys it gets at enrolment, and what it reports. */
class AgentPolicyKeysTest {

    @TempDir
    Path directory;

    @Test
    void enrolmentStoresTheServersPolicyKeys() {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity enrolled = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state);

            String serverKeys = SigningKeys.readFrom(server.paths.signingKeys()).verifying().fingerprint();
            assertEquals(serverKeys, enrolled.policyKeys().orElseThrow().fingerprint());
            assertEquals(serverKeys, AgentIdentity.load(state).policyKeys().orElseThrow().fingerprint(), "kept across restarts");
        }
    }

    @Test
    void storedBundleThatNoLongerVerifiesRunsTheDefaultsAndTheServerHearsOfIt() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state);
            SigningKeys serverKeys = SigningKeys.readFrom(server.paths.signingKeys());
            byte[] signed = PolicyBundles.sign(serverKeys, 4, "p", 1, 0,
                    "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: p\n".getBytes(StandardCharsets.UTF_8))
                    .toBuilder().setRevision(2).build().toByteArray();
            Files.write(state.resolve("policy-bundle.pb"), signed);

            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), Clock.systemUTC(), List.of())) {
                assertEquals(0, agent.runningPolicy().version(), "a bundle changed after signing never runs");
                EventQuery query = new EventQuery(Optional.of(identity.agentId()), Optional.empty(), Optional.empty(),
                        Optional.of("policy.stored_bundle_rejected"), 0, 10);
                Await.until(Duration.ofSeconds(30), () -> !server.server.database().events().query(query).isEmpty(),
                        () -> "outbox=" + agent.outbox().size());
                StoredEvent event = server.server.database().events().query(query).getFirst();
                assertTrue(event.payloadJson().contains("does not verify against the server's key"), event.payloadJson());
            }
        }
    }
}
