package vn.canhgac.server.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.agents.AgentService.AgentView;
import vn.canhgac.server.agents.AgentService.Status;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;

class AgentServiceTest {
    private static final Duration SILENT_AFTER = Duration.ofMinutes(5);
    private static final AgentFacts FACTS = new AgentFacts("pc-01", "Ubuntu", "24.04", "6.8.0", "amd64", "0.1.0");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase db;
    private AgentService service;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
        enrol("a1", "0A1B");
        enrol("a2", "2c");
        service = new AgentService(db.agents(), clock, SILENT_AFTER);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void heartbeatsArrivingBeforeTheWriterRunsAreWrittenInOneGoTheLatestOfEachAgent() {
        List<Runnable> writer = new ArrayList<>();
        AgentService deferred = new AgentService(db.agents(), clock, SilenceThresholds.uniform(SILENT_AFTER), writer::add);

        deferred.heartbeat("a1", 1, 0);
        clock.advance(Duration.ofSeconds(30));
        deferred.heartbeat("a1", 2, 0);
        deferred.heartbeat("a2", 9, 1);

        assertEquals(1, writer.size(), "one write for the three heartbeats");
        assertEquals(Optional.empty(), db.agents().find("a1").orElseThrow().lastSeenAt(), "nothing written before the writer runs");
        writer.getFirst().run();
        AgentRecord a1 = db.agents().find("a1").orElseThrow();
        assertEquals(Optional.of(clock.instant()), a1.lastSeenAt());
        assertEquals(2, a1.outboxBacklog());
        assertEquals(9, db.agents().find("a2").orElseThrow().outboxBacklog());
    }

    @Test
    void closingWritesTheHeartbeatsStillWaiting() {
        List<Runnable> writer = new ArrayList<>();
        AgentService deferred = new AgentService(db.agents(), clock, SilenceThresholds.uniform(SILENT_AFTER), writer::add);
        deferred.heartbeat("a1", 4, 0);

        deferred.close();

        assertEquals(4, db.agents().find("a1").orElseThrow().outboxBacklog());
    }

    @Test
    void anAgentThatNeverConnectedIsSilent() {
        assertEquals(new AgentView(db.agents().find("a1").orElseThrow(), Status.SILENT, false), service.find("a1").orElseThrow());
    }

    @Test
    void anAgentIsOnlineUntilSilentAfterHasPassedSinceItWasLastSeen() {
        service.hello("a1", FACTS, 0, 0);

        clock.advance(SILENT_AFTER);
        assertEquals(Status.ONLINE, service.find("a1").orElseThrow().status());

        clock.advance(Duration.ofMillis(1));
        assertEquals(Status.SILENT, service.find("a1").orElseThrow().status());
    }

    @Test
    void aHeartbeatKeepsAnAgentOnline() {
        service.hello("a1", FACTS, 0, 0);
        clock.advance(SILENT_AFTER);
        service.heartbeat("a1", 7, 1);
        clock.advance(SILENT_AFTER);

        AgentView view = service.find("a1").orElseThrow();
        assertEquals(Status.ONLINE, view.status());
        assertEquals(Optional.of(clock.instant().minus(SILENT_AFTER)), view.agent().lastSeenAt());
        assertEquals(7, view.agent().outboxBacklog());
        assertEquals(Optional.of(FACTS), view.agent().facts());
    }

    @Test
    void aConnectedAgentIsOnlineEvenWithoutARecentHeartbeat() {
        service.connected("a1");

        AgentView view = service.find("a1").orElseThrow();
        assertEquals(Status.ONLINE, view.status());
        assertTrue(view.connected());
    }

    @Test
    void anAgentWithTwoConnectionsStaysConnectedUntilBothClose() {
        service.connected("a1");
        service.connected("a1");

        service.disconnected("a1");
        assertTrue(service.find("a1").orElseThrow().connected());

        service.disconnected("a1");
        assertFalse(service.find("a1").orElseThrow().connected());
        assertEquals(Status.SILENT, service.find("a1").orElseThrow().status());
    }

    @Test
    void aDisconnectWithoutAConnectIsHarmless() {
        service.disconnected("a1");
        service.connected("a1");

        assertTrue(service.find("a1").orElseThrow().connected());
    }

    @Test
    void listShowsEveryAgentWithItsStatus() {
        service.connected("a2");
        enrol("a3", "3");
        service.revoke("a3");

        assertEquals(List.of(Status.SILENT, Status.ONLINE, Status.REVOKED),
                service.list().stream().map(AgentView::status).toList());
    }

    @Test
    void aRevokedAgentIsRevokedEvenWhileConnected() {
        service.connected("a1");

        assertTrue(service.revoke("a1"));

        AgentView view = service.find("a1").orElseThrow();
        assertEquals(Status.REVOKED, view.status());
        assertEquals(Optional.of(clock.instant()), view.agent().revokedAt());
    }

    @Test
    void revokingNotifiesListenersAndRefusesTheSerialAtOnce() {
        List<String> heard = new ArrayList<>();
        service.onRevocation(heard::add);
        assertFalse(service.isRevokedSerial("0a1b"));

        service.revoke("a1");

        assertEquals(List.of("a1"), heard);
        assertTrue(service.isRevokedSerial("0a1b"));
        assertTrue(service.isRevokedSerial("0A1B"));
        assertFalse(service.isRevokedSerial("2c"));
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedAgentNotifiesNobody() {
        List<String> heard = new ArrayList<>();
        service.onRevocation(heard::add);
        service.revoke("a1");

        assertFalse(service.revoke("a1"));
        assertFalse(service.revoke("ghost"));
        assertEquals(List.of("a1"), heard);
    }

    @Test
    void aFailingListenerNeitherUndoesTheRevocationNorSilencesTheOthers() {
        List<String> heard = new ArrayList<>();
        service.onRevocation(id -> {
            throw new IllegalStateException("channel already closed");
        });
        service.onRevocation(heard::add);

        assertTrue(service.revoke("a1"));

        assertEquals(List.of("a1"), heard);
        assertTrue(service.isRevokedSerial("0a1b"));
    }

    @Test
    void serialsRevokedBeforeStartupAreRefused() {
        db.agents().revoke("a2", clock.instant());

        AgentService restarted = new AgentService(db.agents(), clock, SILENT_AFTER);

        assertTrue(restarted.isRevokedSerial("2c"));
        assertFalse(restarted.isRevokedSerial("0a1b"));
    }

    @Test
    void silentAfterMustBePositive() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new AgentService(db.agents(), clock, Duration.ZERO));

        assertEquals("silentAfter must be positive (got PT0S)", error.getMessage());
    }

    private void enrol(String id, String serial) {
        db.agents().insert(AgentRecord.enrolled(id, "Sở Nội vụ", "internal-workstation", serial,
                clock.instant().plus(Duration.ofDays(365)), clock.instant()));
    }
}
