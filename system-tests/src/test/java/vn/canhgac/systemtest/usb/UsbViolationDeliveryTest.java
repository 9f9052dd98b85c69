package vn.canhgac.systemtest.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.usb.UsbCollector;
import vn.canhgac.bench.usb.FixtureUsbHost;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.systemtest.Await;
import vn.canhgac.systemtest.TestAgents;
import vn.canhgac.systemtest.TestServer;

/**
 * Issue 3's run-mode acceptance: a real server and an enrolled agent on loopback with mutual TLS,
 * the agent enforcing on a fixture host root. A flash drive that appears while the agent runs is
 * deauthorised, and its violation is stored by the server as one.
 */
class UsbViolationDeliveryTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void aDriveAppearingWhileTheAgentRunsIsDeauthorisedAndItsViolationReachesTheServer() throws Exception {
        FixtureUsbHost host = FixtureUsbHost.create(directory.resolve("host"));
        Path policy = Files.writeString(directory.resolve("policy.yaml"), """
                apiVersion: canhgac/v1
                kind: Policy
                metadata:
                  name: so-noi-vu-co-ban
                usb:
                  storage: block
                """);
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            String agentId = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state).agentId();
            AgentConfig config = TestAgents.config(state).withEnforcement(Enforcement.ENFORCE).withPolicyFile(policy);
            try (AgentRuntime agent = AgentRuntime.start(config, HostRoot.of(host.root()), Clock.systemUTC(), List.of(new UsbCollector()))) {
                Await.until(LIMIT, agent::isConnected, () -> "agent not connected");

                host.prepareFlashDrive("1-2", 7, "0781", "5567", "4C530001230527106384");
                host.link("1-2");

                Await.until(LIMIT, () -> authorized(host).equals("0"), () -> "authorized=" + authorized(host));
                var events = server.server.database().events();
                EventQuery violations = new EventQuery(Optional.of(agentId), Optional.empty(), Optional.empty(), Optional.of("usb.violation"),
                        0, 10);
                Await.until(LIMIT, () -> !events.query(violations).isEmpty(), () -> "stored: " + events.count(Optional.of(agentId)));

                StoredEvent stored = events.query(violations).getFirst();
                JsonNode payload = new ObjectMapper().readTree(stored.payloadJson());
                assertEquals("0781", payload.get("vendorId").asText());
                assertEquals("5567", payload.get("productId").asText());
                assertEquals("4C530001230527106384", payload.get("serial").asText());
                assertEquals("block", payload.get("verdict").asText());
                assertEquals("usb.storage=block", payload.get("rule").asText());
                assertEquals("deauthorize", payload.get("action").asText());
                assertEquals("done", payload.get("outcome").asText());
                assertEquals(4, stored.severity(), "HIGH");
                assertTrue(indexedAsViolation(server.paths.database(), stored.id()), "the server files it under violations");
            }
        }
    }

    private static String authorized(FixtureUsbHost host) {
        try {
            return host.authorized("1-2");
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Read-only look at the server's own table, as an inspector's report would find it. */
    private static boolean indexedAsViolation(Path database, long eventId) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             PreparedStatement select = connection.prepareStatement("SELECT type FROM violations WHERE event_id = ?")) {
            select.setLong(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getString(1).equals("usb.violation");
            }
        }
    }
}
