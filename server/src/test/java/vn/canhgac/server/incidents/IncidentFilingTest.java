package vn.canhgac.server.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.TestViolations;

/** Violations stored through the real ingest path raise and join incidents in the same transaction. */
class IncidentFilingTest {
    private static final Duration DEADLINE = Duration.ofHours(6);

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.instant();
    private SqliteDatabase database;
    private EventIngest ingest;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("canhgac.db"), new IncidentRules(DEADLINE));
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU, TestUnits.TAN_LAP);
        TestViolations.enroll(database.agents(), "a1", TestUnits.SO_NOI_VU);
        TestViolations.enroll(database.agents(), "a2", TestUnits.TAN_LAP);
        ingest = new EventIngest(database.events(), clock, 100_000);
    }

    @AfterEach
    void close() {
        ingest.close();
        database.close();
    }

    @Test
    void aFirstViolationRaisesAnOpenIncidentWithItsUnitRuleAndDeadline() throws Exception {
        store("a1", TestViolations.info(1, t0), TestViolations.usb(2, t0.plusSeconds(5), "usb.storage=block", "S1"));

        Incident incident = only(all());
        assertEquals("a1", incident.agentId());
        assertEquals(TestUnits.SO_NOI_VU, incident.unit());
        assertEquals("usb.violation:usb.storage=block", incident.rule());
        assertEquals("usb.violation", incident.type());
        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(t0, incident.createdAt(), "raised when the server stored the violation");
        assertEquals(t0.plus(DEADLINE), incident.deadlineAt());
        assertEquals(1, incident.violationCount());
        assertEquals(4, incident.highestSeverity());
        assertEquals(t0.plusSeconds(5), incident.firstSeenAt());
        assertEquals(Optional.empty(), incident.owner());
        assertEquals(1, database.incidents().violations(incident.id(), 10).size());
    }

    @Test
    void laterViolationsOfTheSameRuleJoinTheLiveIncidentEvenWhenAcknowledged() throws Exception {
        store("a1", TestViolations.document(1, t0.plusSeconds(10), 4, "ref-1"));
        Incident raised = only(all());
        assertTrue(database.incidents().changeStatus(raised.id(), IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED, t0, Optional.empty()));
        clock.advance(Duration.ofHours(1));

        store("a1", TestViolations.document(2, t0.plusSeconds(5), 5, "ref-2"), TestViolations.document(3, t0.plusSeconds(20), 4, "ref-3"));

        Incident joined = only(all());
        assertEquals(raised.id(), joined.id());
        assertEquals(IncidentStatus.ACKNOWLEDGED, joined.status());
        assertEquals(3, joined.violationCount());
        assertEquals(5, joined.highestSeverity(), "the highest severity of all its violations");
        assertEquals(t0.plusSeconds(5), joined.firstSeenAt());
        assertEquals(t0.plusSeconds(20), joined.lastSeenAt());
        assertEquals(t0.plus(DEADLINE), joined.deadlineAt(), "joining does not move the deadline");
        assertEquals(List.of(3L, 2L, 1L), database.incidents().violations(joined.id(), 10).stream().map(e -> e.sequence()).toList());
    }

    @Test
    void aDifferentRuleOnTheSameAgentRaisesItsOwnIncident() throws Exception {
        store("a1", TestViolations.usb(1, t0, "usb.storage=block", "S1"), TestViolations.usb(2, t0, "usb.storage=read-only", "S2"),
                TestViolations.document(3, t0, 4, "ref"));

        assertEquals(List.of("usb.violation:usb.storage=block", "usb.violation:usb.storage=read-only", "document.violation"),
                all().stream().map(Incident::rule).toList());
    }

    @Test
    void twoAgentsBreakingTheSameRuleGetAnIncidentEach() throws Exception {
        store("a1", TestViolations.usb(1, t0, "usb.storage=block", "S1"));
        store("a2", TestViolations.usb(1, t0, "usb.storage=block", "S1"));

        List<Incident> incidents = all();
        assertEquals(2, incidents.size());
        assertEquals(List.of("a1", "a2"), incidents.stream().map(Incident::agentId).toList());
        assertEquals(List.of(TestUnits.SO_NOI_VU, TestUnits.TAN_LAP), incidents.stream().map(Incident::unit).toList());
    }

    @Test
    void aViolationAfterTheIncidentClosedRaisesANewOne() throws Exception {
        store("a1", TestViolations.usb(1, t0, "usb.storage=block", "S1"));
        Incident first = only(all());
        assertTrue(database.incidents().changeStatus(first.id(), IncidentStatus.OPEN, IncidentStatus.RESOLVED, t0, Optional.empty()));
        store("a1", TestViolations.usb(2, t0, "usb.storage=block", "S1"));
        Incident second = all().getLast();
        assertTrue(database.incidents().changeStatus(second.id(), IncidentStatus.OPEN, IncidentStatus.FALSE_POSITIVE, t0, Optional.empty()));
        store("a1", TestViolations.usb(3, t0, "usb.storage=block", "S1"));

        List<Incident> incidents = all();
        assertEquals(List.of(IncidentStatus.RESOLVED, IncidentStatus.FALSE_POSITIVE, IncidentStatus.OPEN),
                incidents.stream().map(Incident::status).toList());
        assertTrue(incidents.stream().allMatch(incident -> incident.violationCount() == 1));
        assertNotEquals(first.id(), incidents.getLast().id());
    }

    @Test
    void aRedeliveredViolationIsCountedOnce() throws Exception {
        NewEvent violation = TestViolations.usb(1, t0, "usb.storage=block", "S1");
        store("a1", violation);
        store("a1", violation, TestViolations.usb(2, t0, "usb.storage=block", "S1"));

        assertEquals(2, only(all()).violationCount());
        assertEquals(2, database.events().countViolations("a1"));
    }

    @Test
    void batchesOfSeveralAgentsInOneGroupCommitAreFiledEachUnderItsAgent() throws Exception {
        CompletableFuture<Long> a = ingest.submit(new AgentBatch("a1", List.of(TestViolations.usb(1, t0, "usb.storage=block", "S1"))));
        CompletableFuture<Long> b = ingest.submit(new AgentBatch("a2", List.of(TestViolations.usb(1, t0, "usb.storage=block", "S1"),
                TestViolations.usb(2, t0, "usb.storage=block", "S2"))));
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(1L, 2L), all().stream().map(Incident::violationCount).toList());
    }

    private void store(String agent, NewEvent... events) throws Exception {
        ingest.submit(new AgentBatch(agent, List.of(events))).get(10, TimeUnit.SECONDS);
    }

    private List<Incident> all() {
        return database.incidents().list(IncidentQuery.all(1000));
    }

    private static Incident only(List<Incident> incidents) {
        assertEquals(1, incidents.size(), incidents.toString());
        return incidents.getFirst();
    }
}
