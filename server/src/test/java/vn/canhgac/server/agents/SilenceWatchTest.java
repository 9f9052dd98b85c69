package vn.canhgac.server.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;

class SilenceWatchTest {
    private static final AgentFacts FACTS = new AgentFacts("pc-01", "Ubuntu", "24.04", "6.8.0", "amd64", "0.1.0");
    private static final SilenceThresholds THRESHOLDS = new SilenceThresholds(Duration.ofMinutes(15),
            Map.of(Roles.SECRET_WORKSTATION, Duration.ofDays(7)));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase db;
    private AgentService agents;
    private SilenceWatch watch;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
        enrol("web-01", Roles.INTERNET_WORKSTATION);
        enrol("mat-01", Roles.SECRET_WORKSTATION);
        restart();
    }

    @AfterEach
    void close() {
        watch.close();
        db.close();
    }

    @Test
    void anAgentPastItsRolesThresholdGetsExactlyOneHighAlert() {
        agents.hello("web-01", FACTS, 0, 0);
        clock.advance(Duration.ofMinutes(15));
        watch.look();
        assertEquals(List.of(), events("web-01"), "not yet past the threshold");

        clock.advance(Duration.ofMinutes(1));
        watch.look();
        clock.advance(Duration.ofHours(3));
        watch.look();

        List<StoredEvent> events = events("web-01");
        assertEquals(1, events.size(), events.toString());
        StoredEvent alert = events.getFirst();
        assertEquals(SilenceWatch.SILENT, alert.type());
        assertEquals(4, alert.severity(), "high");
        assertEquals(-1, alert.sequence());
        JsonNode payload = payload(alert);
        assertEquals("web-01", payload.get("agentId").textValue());
        assertEquals(TestUnits.SO_NOI_VU, payload.get("unit").textValue());
        assertEquals(Roles.INTERNET_WORKSTATION, payload.get("role").textValue());
        assertEquals(FakeClock.DEFAULT_START.toString(), payload.get("lastSeenAt").textValue());
        assertEquals(15, payload.get("thresholdMinutes").intValue());
    }

    @Test
    void aSecretWorkstationSilentForHoursIsNotAlertedAndAfterItsWeekOnlyAsInfo() {
        agents.hello("mat-01", FACTS, 0, 0);
        clock.advance(Duration.ofDays(6));
        watch.look();
        assertEquals(List.of(), events("mat-01"));

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        watch.look();

        List<StoredEvent> events = events("mat-01");
        assertEquals(List.of(SilenceWatch.SILENT), events.stream().map(StoredEvent::type).toList());
        assertEquals(1, events.getFirst().severity(), "info");
        assertEquals(7 * 24 * 60, payload(events.getFirst()).get("thresholdMinutes").intValue());
    }

    @Test
    void anAlertedAgentSeenAgainGetsOneBackEventAndCanBeAlertedForItsNextSilence() {
        agents.hello("web-01", FACTS, 0, 0);
        clock.advance(Duration.ofMinutes(20));
        watch.look();

        clock.advance(Duration.ofMinutes(5));
        agents.heartbeat("web-01", 3, 0);
        watch.look();
        watch.look();

        clock.advance(Duration.ofMinutes(16));
        watch.look();

        List<StoredEvent> events = events("web-01");
        assertEquals(List.of(SilenceWatch.SILENT, SilenceWatch.BACK, SilenceWatch.SILENT), events.stream().map(StoredEvent::type).toList());
        assertEquals(List.of(-1L, -2L, -3L), events.stream().map(StoredEvent::sequence).toList());
        assertEquals(1, events.get(1).severity(), "back is info");
        assertEquals(FakeClock.DEFAULT_START.plus(Duration.ofMinutes(20)).toString(), payload(events.get(1)).get("alertedAt").textValue());
    }

    @Test
    void aConnectedAgentCountsAsBackEvenBeforeItsNextHeartbeat() {
        agents.hello("web-01", FACTS, 0, 0);
        clock.advance(Duration.ofMinutes(20));
        watch.look();

        agents.connected("web-01");
        watch.look();

        assertEquals(List.of(SilenceWatch.SILENT, SilenceWatch.BACK), events("web-01").stream().map(StoredEvent::type).toList());
    }

    @Test
    void aRestartedServerDoesNotAlertTheSameSilenceAgain() {
        agents.hello("web-01", FACTS, 0, 0);
        clock.advance(Duration.ofMinutes(20));
        watch.look();

        watch.close();
        db.close();
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        restart();
        clock.advance(Duration.ofHours(1));
        watch.look();

        assertEquals(List.of(SilenceWatch.SILENT), events("web-01").stream().map(StoredEvent::type).toList());
    }

    @Test
    void aRevokedAgentIsNeverAlerted() {
        agents.hello("web-01", FACTS, 0, 0);
        agents.revoke("web-01");
        clock.advance(Duration.ofDays(30));

        watch.look();

        assertEquals(List.of(), events("web-01"));
    }

    @Test
    void anAgentThatNeverConnectedIsAlertedOnceItsThresholdHasPassedSinceEnrolment() {
        clock.advance(Duration.ofMinutes(14));
        watch.look();
        assertEquals(List.of(), events("web-01"));

        clock.advance(Duration.ofMinutes(2));
        watch.look();

        List<StoredEvent> events = events("web-01");
        assertEquals(1, events.size());
        assertTrue(payload(events.getFirst()).get("lastSeenAt").isNull());
    }

    @Test
    void serverEventsDoNotMoveTheAgentsHighestSequenceNorCollideWithItsOwnEvents() {
        db.events().storeBatches(List.of(new AgentBatch("web-01", List.of(
                new NewEvent(1, clock.instant(), "usb.connected", 1, "{}")))), clock.instant());
        clock.advance(Duration.ofMinutes(20));
        watch.look();
        db.events().storeBatches(List.of(new AgentBatch("web-01", List.of(
                new NewEvent(2, clock.instant(), "usb.connected", 1, "{}")))), clock.instant());

        assertEquals(2, db.events().highestSequence("web-01"));
        assertEquals(2, db.events().countDistinct("web-01"));
        assertEquals(3, db.events().count(Optional.of("web-01")));
        assertEquals(2, db.agents().find("web-01").orElseThrow().highestSequence());
    }

    @Test
    void theWatchLooksAtAFifthOfTheShortestThresholdWithinBounds() {
        assertEquals(Duration.ofMinutes(3), SilenceWatch.interval(THRESHOLDS));
        assertEquals(Duration.ofSeconds(10), SilenceWatch.interval(SilenceThresholds.uniform(Duration.ofSeconds(30))));
        assertEquals(Duration.ofMinutes(5), SilenceWatch.interval(SilenceThresholds.uniform(Duration.ofDays(1))));
    }

    private void restart() {
        agents = new AgentService(db.agents(), clock, THRESHOLDS);
        watch = new SilenceWatch(agents, db.silenceAlerts(), clock);
    }

    private void enrol(String id, String role) {
        db.agents().insert(AgentRecord.enrolled(id, TestUnits.SO_NOI_VU, role, Integer.toHexString(id.hashCode()),
                clock.instant().plus(Duration.ofDays(365)), clock.instant()));
    }

    private List<StoredEvent> events(String agentId) {
        return db.events().query(new EventQuery(Optional.of(agentId), Optional.empty(), Optional.empty(), Optional.empty(), 0, 100))
                .stream().filter(event -> event.sequence() < 0).toList();
    }

    private static JsonNode payload(StoredEvent event) {
        try {
            return JSON.readTree(event.payloadJson());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
