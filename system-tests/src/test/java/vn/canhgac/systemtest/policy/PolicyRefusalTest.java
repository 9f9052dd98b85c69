package vn.canhgac.systemtest.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.systemtest.Await;
import vn.canhgac.systemtest.TestAgents;
import vn.canhgac.systemtest.TestServer;

/**
 * A bundle with one bad signature, one missing signature, an older version, or from another
 * server's keys is refused by a real agent, and each refusal reaches the real server as an event.
 */
class PolicyRefusalTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void forgedAndReplayedBundlesAreRefusedAndEachRefusalIsStoredOnTheServer() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token(Roles.INTERNET_WORKSTATION),
                    directory.resolve("agent"));
            SigningKeys serverKeys = SigningKeys.readFrom(server.paths.signingKeys());
            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(directory.resolve("agent")), HostRoot.of(directory),
                    Clock.systemUTC(), List.of())) {
                Await.until(LIMIT, () -> server.server.channel().connectedAgents() == 1, () -> "not connected");
                PolicyBundle genuine = PolicyBundles.sign(serverKeys, 10, "co-ban", 3, System.currentTimeMillis(), document("co-ban"));
                send(server, identity, genuine);
                Await.until(LIMIT, () -> agent.runningPolicy().version() == 10, () -> "runs " + agent.runningPolicy().version());

                byte[] flipped = signed(serverKeys, 11).getEd25519Signature().toByteArray();
                flipped[7] ^= 1;
                send(server, identity, signed(serverKeys, 11).toBuilder().setEd25519Signature(ByteString.copyFrom(flipped)).build());
                send(server, identity, signed(serverKeys, 12).toBuilder().clearMlDsa65Signature().build());
                send(server, identity, PolicyBundles.sign(serverKeys, 9, "co-ban", 2, System.currentTimeMillis(), document("co-ban")));
                send(server, identity, signed(SigningKeys.generate(new SecureRandom()), 13));

                Await.until(LIMIT, () -> PolicyDistributionTest.events(server, identity, "policy.refused").size() == 4,
                        () -> PolicyDistributionTest.events(server, identity, "policy.refused").size() + " refusals stored");
                List<String> reasons = PolicyDistributionTest.events(server, identity, "policy.refused").stream()
                        .map(StoredEvent::payloadJson).toList();
                assertTrue(reasons.get(0).contains("Ed25519 signature does not verify"), reasons.get(0));
                assertTrue(reasons.get(1).contains("ML-DSA-65 signature is missing"), reasons.get(1));
                assertTrue(reasons.get(2).contains("not newer than the running version 10"), reasons.get(2));
                assertTrue(reasons.get(3).contains("does not verify against the server's key"), reasons.get(3));
                assertEquals(10, agent.runningPolicy().version(), "every forged or replayed bundle left the policy as it was");
            }
        }
    }

    @Test
    void aBundleAlteredInTheServersDatabaseIsRefusedWhenTheServerPushesIt() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token(Roles.INTERNET_WORKSTATION),
                    directory.resolve("agent"));
            long version = server.server.policies().publish("admin", document("co-ban"), "first").bundle().version();
            server.server.policies().assign("admin", TestServer.UNIT, Optional.empty(), "co-ban");
            // Someone with write access to the database file weakens the stored document's signature.
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + server.paths.database());
                 PreparedStatement tamper = connection.prepareStatement(
                         "UPDATE policy_bundles SET ml_dsa_65_signature = zeroblob(3309) WHERE version = ?")) {
                tamper.setLong(1, version);
                assertEquals(1, tamper.executeUpdate());
            }

            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(directory.resolve("agent")), HostRoot.of(directory),
                    Clock.systemUTC(), List.of())) {
                Await.until(LIMIT, () -> !PolicyDistributionTest.events(server, identity, "policy.refused").isEmpty(),
                        () -> "no refusal stored yet; agent runs " + agent.runningPolicy().version());
                String reason = PolicyDistributionTest.events(server, identity, "policy.refused").getFirst().payloadJson();
                assertTrue(reason.contains("ML-DSA-65 signature does not verify"), reason);
                assertEquals(0, agent.runningPolicy().version());
            }
        }
    }

    private static PolicyBundle signed(SigningKeys keys, long version) {
        return PolicyBundles.sign(keys, version, "co-ban", 4, System.currentTimeMillis(), document("co-ban"));
    }

    private static byte[] document(String name) {
        return ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: " + name + "\nusb:\n  storage: read-only\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(TestServer server, AgentIdentity agent, PolicyBundle bundle) {
        server.server.channel().send(Envelope.newBuilder().setPolicyBundle(bundle).build(), List.of(agent.agentId()));
    }
}
