package vn.canhgac.server.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.store.sqlite.Fixtures.T0;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.IssuedCertificate;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.testing.TestUnits;

class SqliteAgentStoreTest {
    private static final AgentFacts FACTS =
            new AgentFacts("pc-vanthu-01", "Windows", "10.0.19045", "NT 10.0", "amd64", "0.1.0");

    @TempDir
    Path dir;

    private SqliteDatabase db;
    private SqliteAgentStore agents;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
        agents = db.agents();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void enrolledAgentIsFoundWithoutFactsUntilItsFirstHello() {
        AgentRecord agent = Fixtures.agent("a1", "1f");

        agents.insert(agent);

        assertEquals(Optional.of(agent), agents.find("a1"));
        assertEquals(Optional.empty(), agents.find("a2"));
    }

    @Test
    void certificateSerialIsStoredInLowerCase() {
        agents.insert(Fixtures.agent("a1", "0A1B"));

        assertEquals("0a1b", agents.find("a1").orElseThrow().certificateSerial());
    }

    @Test
    void aSerialThatIsNotHexIsRefusedBeforeAnythingIsStored() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> agents.insert(Fixtures.agent("a1", "12:ab")));

        assertTrue(error.getMessage().contains("hex digits"), error.getMessage());
        assertEquals(List.of(), agents.list());
    }

    @Test
    void listIsOrderedById() {
        agents.insert(Fixtures.agent("b", "2"));
        agents.insert(Fixtures.agent("a", "1"));

        assertEquals(List.of("a", "b"), agents.list().stream().map(AgentRecord::id).toList());
    }

    @Test
    void helloRecordsFactsCountersAndLastSeen() {
        agents.insert(Fixtures.agent("a1", "1"));

        agents.recordHello("a1", T0.plusSeconds(60), FACTS, 12, 3);

        AgentRecord agent = agents.find("a1").orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(60)), agent.lastSeenAt());
        assertEquals(Optional.of(FACTS), agent.facts());
        assertEquals(12, agent.outboxBacklog());
        assertEquals(3, agent.droppedEventsTotal());
    }

    @Test
    void heartbeatUpdatesCountersAndLastSeenButKeepsTheFacts() {
        agents.insert(Fixtures.agent("a1", "1"));
        agents.recordHello("a1", T0.plusSeconds(60), FACTS, 12, 3);

        agents.recordHeartbeats(Map.of("a1", new AgentStore.Heartbeat(T0.plusSeconds(90), 0, 4)));

        AgentRecord agent = agents.find("a1").orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(90)), agent.lastSeenAt());
        assertEquals(Optional.of(FACTS), agent.facts());
        assertEquals(0, agent.outboxBacklog());
        assertEquals(4, agent.droppedEventsTotal());
    }

    @Test
    void helloOfAnUnknownAgentFailsNamingIt() {
        StoreException hello = assertThrows(StoreException.class, () -> agents.recordHello("ghost", T0, FACTS, 0, 0));

        assertTrue(hello.getMessage().contains("agent ghost is not enrolled"), hello.getMessage());
    }

    @Test
    void heartbeatsOfManyAgentsAreStoredTogetherAndAnUnknownOneIsSkipped() {
        agents.insert(Fixtures.agent("a1", "1"));
        agents.insert(Fixtures.agent("a2", "2"));

        agents.recordHeartbeats(Map.of("a1", new AgentStore.Heartbeat(T0.plusSeconds(30), 5, 0),
                "a2", new AgentStore.Heartbeat(T0.plusSeconds(31), 0, 2),
                "ghost", new AgentStore.Heartbeat(T0, 0, 0)));

        assertEquals(Optional.of(T0.plusSeconds(30)), agents.find("a1").orElseThrow().lastSeenAt());
        assertEquals(5, agents.find("a1").orElseThrow().outboxBacklog());
        assertEquals(2, agents.find("a2").orElseThrow().droppedEventsTotal());
        assertTrue(agents.find("ghost").isEmpty());
    }

    @Test
    void revokingAnAgentRevokesItAndEveryCertificateIssuedToIt() {
        agents.insert(Fixtures.agent("a1", "aa"));
        agents.insert(Fixtures.agent("a2", "bb"));
        agents.insertCertificate("AA", "a1", T0, T0.plusSeconds(3600), new byte[] {1});
        agents.insertCertificate("a2", "a1", T0, T0.plusSeconds(7200), new byte[] {2});
        agents.insertCertificate("bb", "a2", T0, T0.plusSeconds(3600), new byte[] {3});

        assertTrue(agents.revoke("a1", T0.plusSeconds(5)));

        assertEquals(Optional.of(T0.plusSeconds(5)), agents.find("a1").orElseThrow().revokedAt());
        assertEquals(Optional.empty(), agents.find("a2").orElseThrow().revokedAt());
        assertEquals(Set.of("aa", "a2"), agents.revokedCertificateSerials());
    }

    @Test
    void revokingAnAgentWhoseCertificateWasNeverRecordedStillRevokesItsSerial() {
        agents.insert(Fixtures.agent("a1", "c0ffee"));

        agents.revoke("a1", T0);

        assertEquals(Set.of("c0ffee"), agents.revokedCertificateSerials());
    }

    @Test
    void revokeIsRefusedForUnknownAndAlreadyRevokedAgentsAndKeepsTheFirstTime() {
        agents.insert(Fixtures.agent("a1", "1"));
        agents.revoke("a1", T0);

        assertFalse(agents.revoke("a1", T0.plusSeconds(10)));
        assertFalse(agents.revoke("ghost", T0));
        assertEquals(Optional.of(T0), agents.find("a1").orElseThrow().revokedAt());
    }

    @Test
    void aCertificateOfAnUnknownAgentIsRefused() {
        StoreException error = assertThrows(StoreException.class,
                () -> agents.insertCertificate("1", "ghost", T0, T0.plusSeconds(1), new byte[] {1}));

        assertTrue(error.getMessage().contains("agent ghost is not enrolled"), error.getMessage());
    }

    @Test
    void anIssuedCertificateIsFoundBySerialInAnyCaseWithItsBytesAndRevocation() {
        agents.insert(Fixtures.agent("a1", "aa"));
        agents.insertCertificate("AA", "a1", T0, T0.plusSeconds(3600), new byte[] {1, 2, 3});

        IssuedCertificate found = agents.findCertificate("Aa").orElseThrow();
        assertEquals("aa", found.serial());
        assertEquals("a1", found.agentId());
        assertEquals(T0.plusSeconds(3600), found.notAfter());
        assertArrayEquals(new byte[] {1, 2, 3}, found.der());
        assertEquals(Optional.empty(), found.revokedAt());
        assertEquals(Optional.empty(), agents.findCertificate("bb"));

        agents.revoke("a1", T0.plusSeconds(60));
        assertEquals(Optional.of(T0.plusSeconds(60)), agents.findCertificate("aa").orElseThrow().revokedAt());
    }
}
