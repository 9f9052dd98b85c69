package vn.canhgac.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.RetentionStore.Purged;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.TestViolations;

/** The purge on a real SQLite file, checked against direct SQL. */
class RetentionServiceTest {
    private static final int DAYS = 30;

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase database;
    private RetentionService retention;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("canhgac.db"), IncidentRules.defaults());
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU);
        TestViolations.enroll(database.agents(), "a1", TestUnits.SO_NOI_VU);
        TestViolations.enroll(database.agents(), "a2", TestUnits.SO_NOI_VU);
        retention = new RetentionService(database.retention(), new AuditLog(database.audit(), clock), clock,
                new RetentionSettings(2, Optional.of(DAYS)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPurgeDeletesExactlyTheEventsReceivedBeforeTheCutoffAndIsAudited() throws SQLException {
        long sequence = 1;
        for (int day = 0; day < 40; day++) {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(i % 10 == 0 ? TestViolations.document(sequence++, clock.instant(), 4, "ref")
                        : TestViolations.info(sequence++, clock.instant()));
            }
            store("a1", events);
            clock.advance(Duration.ofDays(1));
        }
        resolveAll();
        Instant cutoff = clock.instant().minus(Duration.ofDays(DAYS));
        long olderEvents = sql("SELECT COUNT(*) FROM events WHERE received_at < " + cutoff.toEpochMilli());
        long olderViolations = sql("SELECT COUNT(*) FROM violations v JOIN events e ON e.id = v.event_id WHERE e.received_at < "
                + cutoff.toEpochMilli());
        long newer = sql("SELECT COUNT(*) FROM events WHERE received_at >= " + cutoff.toEpochMilli());
        assertTrue(olderEvents > RetentionService.BATCH, "more than one batch to purge");

        RetentionService.Outcome preview = retention.preview();
        RetentionService.Outcome purged = retention.purge("admin");

        assertEquals(cutoff, purged.cutoff());
        assertEquals(new Purged(olderEvents, olderViolations, 0), purged.purged());
        assertEquals(purged.purged(), preview.purged(), "the dry run counts what the purge deletes");
        assertEquals(0, sql("SELECT COUNT(*) FROM events WHERE received_at < " + cutoff.toEpochMilli()));
        assertEquals(newer, sql("SELECT COUNT(*) FROM events"), "nothing newer was touched");
        assertEquals(0, sql("SELECT COUNT(*) FROM violations WHERE event_id NOT IN (SELECT id FROM events)"));
        assertEquals(40 * 6, database.incidents().list(IncidentQuery.all(1000)).stream().mapToLong(Incident::violationCount).sum(),
                "incidents keep their counts");
        AuditEntry entry = database.audit().list(0, 100).getLast();
        assertEquals("retention.purged", entry.action());
        assertEquals("admin", entry.actor());
        assertTrue(entry.details().contains("\"events\":" + olderEvents), entry.details());
        assertTrue(entry.details().contains("\"cutoff\":\"" + cutoff + "\""), entry.details());
    }

    @Test
    void theEvidenceOfALiveIncidentIsKeptUntilItCloses() throws SQLException {
        store("a1", List.of(TestViolations.usb(1, clock.instant(), "usb.storage=block", "S1"), TestViolations.info(2, clock.instant())));
        store("a2", List.of(TestViolations.usb(1, clock.instant(), "usb.storage=block", "S1")));
        Incident a2 = database.incidents().list(IncidentQuery.all(10)).getLast();
        database.incidents().changeStatus(a2.id(), IncidentStatus.OPEN, IncidentStatus.RESOLVED, clock.instant(), Optional.empty());
        clock.advance(Duration.ofDays(DAYS + 1));

        assertEquals(new Purged(2, 1, 1), retention.preview().purged());
        assertEquals(new Purged(2, 1, 1), retention.purge("admin").purged());
        assertEquals(1, sql("SELECT COUNT(*) FROM violations WHERE agent_id = 'a1'"), "the open incident's violation stays");
        assertEquals(0, sql("SELECT COUNT(*) FROM events WHERE agent_id = 'a2'"), "the resolved incident's evidence went");

        Incident a1 = database.incidents().list(IncidentQuery.all(10)).getFirst();
        database.incidents().changeStatus(a1.id(), IncidentStatus.OPEN, IncidentStatus.RESOLVED, clock.instant(), Optional.empty());
        assertEquals(new Purged(1, 1, 0), retention.purge("admin").purged());
        assertEquals(0, sql("SELECT COUNT(*) FROM events"));
        assertEquals(2, database.incidents().list(IncidentQuery.all(10)).size(), "incidents themselves are never purged");
    }

    @Test
    void eventsIngestedDuringAPurgeAreAllKept() throws Exception {
        List<NewEvent> old = new ArrayList<>();
        for (long sequence = 1; sequence <= 5_000; sequence++) {
            old.add(TestViolations.info(sequence, clock.instant()));
        }
        store("a1", old);
        clock.advance(Duration.ofDays(DAYS + 1));
        try (EventIngest ingest = new EventIngest(database.events(), clock, 1_000_000)) {
            ExecutorService purger = Executors.newSingleThreadExecutor();
            try {
                Future<RetentionService.Outcome> purge = purger.submit(() -> retention.purge("admin"));
                List<CompletableFuture<Long>> stored = new ArrayList<>();
                long sequence = 1;
                for (int batch = 0; batch < 100; batch++) {
                    List<NewEvent> events = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        events.add(i == 0 ? TestViolations.usb(sequence++, clock.instant(), "usb.storage=block", "S")
                                : TestViolations.info(sequence++, clock.instant()));
                    }
                    stored.add(ingest.submit(new AgentBatch("a2", events)));
                }
                assertEquals(5_000, purge.get(60, TimeUnit.SECONDS).purged().events());
                for (CompletableFuture<Long> future : stored) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                purger.shutdownNow();
            }
        }
        assertEquals(0, sql("SELECT COUNT(*) FROM events WHERE agent_id = 'a1'"));
        assertEquals(5_000, sql("SELECT COUNT(*) FROM events WHERE agent_id = 'a2'"));
        assertEquals(5_000, sql("SELECT COUNT(DISTINCT sequence) FROM events WHERE agent_id = 'a2'"));
        assertEquals(100, sql("SELECT COUNT(*) FROM violations WHERE agent_id = 'a2'"));
    }

    @Test
    void aPurgeWithNothingOldDeletesNothingAndIsStillAudited() throws SQLException {
        store("a1", List.of(TestViolations.info(1, clock.instant())));

        assertEquals(Purged.NONE, retention.purge("system").purged());
        assertEquals(1, sql("SELECT COUNT(*) FROM events"));
        assertEquals("retention.purged", database.audit().list(0, 10).getLast().action());
    }

    private void store(String agent, List<NewEvent> events) {
        database.events().storeBatches(List.of(new AgentBatch(agent, events)), clock.instant());
    }

    private void resolveAll() {
        for (Incident incident : database.incidents().list(IncidentQuery.all(1000))) {
            database.incidents().changeStatus(incident.id(), incident.status(), IncidentStatus.RESOLVED, clock.instant(), Optional.empty());
        }
    }

    private long sql(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.file());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
