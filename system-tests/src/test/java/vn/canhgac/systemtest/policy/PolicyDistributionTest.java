package vn.canhgac.systemtest.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.systemtest.AdminApi;
import vn.canhgac.systemtest.Await;
import vn.canhgac.systemtest.TestAgents;
import vn.canhgac.systemtest.TestServer;

/**
 * Issue 6's acceptance, end to end on loopback: a security officer publishes over the admin API,
 * real agents verify the signed bundle and apply it, the server learns what each runs.
 */
class PolicyDistributionTest {

    private static final Logger log = LoggerFactory.getLogger(PolicyDistributionTest.class);
    private static final String A = TestServer.UNIT;
    private static final String A_OFFICE = "Phong Hanh chinh";
    private static final String B = "So Tai chinh";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String POLICY = """
            apiVersion: canhgac/v1
            kind: Policy
            metadata:
              name: so-noi-vu-co-ban
              description: Chính sách cơ bản cho Sở Nội vụ
            usb:
              storage: block
            software:
              action: alert
            """;

    @TempDir
    Path directory;

    private final List<AgentRuntime> running = new ArrayList<>();

    @Test
    void anOfficersPublishReachesEveryOnlineAgentOfTheUnitTreeAndNoOtherAndAnOfflineOneOnReconnect() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            server.server.units().create(A_OFFICE, Optional.of(A));
            server.server.units().create(B, Optional.empty());
            AgentIdentity inA = enrol(server, A, Roles.INTERNET_WORKSTATION, "a");
            AgentIdentity inOffice = enrol(server, A_OFFICE, Roles.SECRET_WORKSTATION, "a-office");
            AgentIdentity inB = enrol(server, B, Roles.INTERNET_WORKSTATION, "b");
            AgentIdentity offline = enrol(server, A, Roles.INTERNAL_WORKSTATION, "a-offline");
            try {
                AgentRuntime agentA = start("a");
                AgentRuntime agentOffice = start("a-office");
                AgentRuntime agentB = start("b");
                Await.until(LIMIT, () -> server.server.channel().connectedAgents() == 3,
                        () -> server.server.channel().connectedAgents() + " connected");
                AdminApi officer = AdminApi.login(server.server, "lan", Role.SECURITY_OFFICER, List.of(A));

                AdminApi.Answer published = officer.yaml("/api/v1/policies?comment=Chặn%20USB", POLICY);
                assertEquals(201, published.status(), published.body().toString());
                long version = published.body().get("version").longValue();
                AdminApi.Answer intoB = officer.json("POST", "/api/v1/policy-assignments", Map.of("unit", B, "policy", "so-noi-vu-co-ban"));
                long assignedAt = System.nanoTime();
                AdminApi.Answer intoA = officer.json("POST", "/api/v1/policy-assignments", Map.of("unit", A, "policy", "so-noi-vu-co-ban"));

                assertTrue(intoB.status() == 403 || intoB.status() == 404, "an officer of A cannot assign in B: " + intoB);
                assertTrue(intoA.status() == 200 || intoA.status() == 201, intoA.toString());
                Await.until(LIMIT, () -> agentA.runningPolicy().version() == version && agentOffice.runningPolicy().version() == version,
                        () -> "a runs " + agentA.runningPolicy().version() + ", a-office runs " + agentOffice.runningPolicy().version());
                log.info("event=test.policy_applied agents=2 elapsed_ms={} (from the assignment to both agents running it)",
                        (System.nanoTime() - assignedAt) / 1_000_000);
                assertEquals("so-noi-vu-co-ban", agentOffice.runningPolicy().name());
                Await.until(LIMIT, () -> reportedVersion(server, inA) == version && reportedVersion(server, inOffice) == version,
                        () -> "the server holds " + reportedVersion(server, inA) + " and " + reportedVersion(server, inOffice));
                Await.until(LIMIT, () -> !events(server, inOffice, "policy.applied").isEmpty(), () -> "no policy.applied event yet");

                assertEquals(0, agentB.runningPolicy().version(), "unit B has no policy assigned");
                assertEquals(0, reportedVersion(server, inB));
                assertEquals(List.of(offline.agentId()), lagging(officer), "only the agent that was offline lags");

                AgentRuntime late = start("a-offline");
                Await.until(LIMIT, () -> late.runningPolicy().version() == version, () -> "offline agent runs " + late.runningPolicy().version());
                Await.until(LIMIT, () -> lagging(officer).isEmpty(), () -> "lagging: " + lagging(officer));
                assertEquals(0, agentB.runningPolicy().version(), "still nothing for unit B");
            } finally {
                running.forEach(AgentRuntime::close);
            }
        }
    }

    private AgentIdentity enrol(TestServer server, String unit, String role, String name) {
        return TestAgents.enroll(server.enrollmentAddress(), server.token(unit, role), directory.resolve(name));
    }

    private AgentRuntime start(String name) {
        AgentRuntime agent = AgentRuntime.start(TestAgents.config(directory.resolve(name)), HostRoot.of(directory), Clock.systemUTC(), List.of());
        running.add(agent);
        return agent;
    }

    private static long reportedVersion(TestServer server, AgentIdentity agent) {
        return server.server.database().agents().find(agent.agentId()).orElseThrow().policyVersion();
    }

    static List<StoredEvent> events(TestServer server, AgentIdentity agent, String type) {
        return server.server.database().events().query(new EventQuery(Optional.of(agent.agentId()), Optional.empty(), Optional.empty(),
                Optional.of(type), 0, 100));
    }

    private static List<String> lagging(AdminApi api) {
        AdminApi.Answer answer = api.get("/api/v1/policy-lagging");
        assertEquals(200, answer.status(), answer.body().toString());
        JsonNode agents = answer.body().get("agents");
        return StreamSupport.stream(agents.spliterator(), false).map(agent -> agent.get("agentId").textValue()).toList();
    }
}
