package vn.canhgac.server.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentNote;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.RawSql;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.TestViolations;

/** Deadlines on a fake clock, and what people do with incidents, each change audited. */
class IncidentServiceTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase database;
    private IncidentService incidents;

    @BeforeEach
    void open() {
        IncidentRules rules = new IncidentRules(Duration.ofHours(24));
        database = SqliteDatabase.open(dir.resolve("canhgac.db"), rules);
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU);
        TestViolations.enroll(database.agents(), "a1", TestUnits.SO_NOI_VU);
        database.accounts().insert(Account.created("hoa", "security-officer", "$argon2id$unused", new byte[20], clock.instant(), "admin",
                Set.of(TestUnits.SO_NOI_VU)), List.of());
        incidents = new IncidentService(database.incidents(), new AuditLog(database.audit(), clock), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anIncidentIsOverdueOnlyWhileLiveAndPastItsDeadline() {
        Incident incident = raise(1, "usb.storage=block");

        assertFalse(incident.overdue(clock.instant().plus(Duration.ofHours(24))), "due at the deadline, not yet overdue");
        assertTrue(incident.overdue(clock.instant().plus(Duration.ofHours(24)).plusMillis(1)));
        assertEquals(List.of(), overdueNow());
        clock.advance(Duration.ofHours(25));
        assertEquals(List.of(incident.id()), overdueNow());

        Incident acknowledged = incidents.acknowledge("lan", incident);
        assertTrue(acknowledged.overdue(clock.instant()), "acknowledging does not stop the deadline");
        incidents.resolve("lan", acknowledged, "Đã thu hồi thiết bị");
        assertEquals(List.of(), overdueNow(), "a closed incident is never overdue");
    }

    @Test
    void acknowledgeAssignAndResolveAreStoredAndAudited() {
        Incident incident = raise(1, "usb.storage=block");
        clock.advance(Duration.ofMinutes(5));

        Incident acknowledged = incidents.acknowledge("lan", incident);
        Incident assigned = incidents.assign("lan", acknowledged, "hoa");
        Incident resolved = incidents.resolve("lan", assigned, "  Thiết bị đã được thu hồi  ");

        assertEquals(IncidentStatus.ACKNOWLEDGED, acknowledged.status());
        assertEquals(Optional.of("hoa"), assigned.owner());
        assertEquals(IncidentStatus.RESOLVED, resolved.status());
        assertEquals(Optional.of(clock.instant()), resolved.resolvedAt());
        List<IncidentNote> notes = database.incidents().notes(incident.id());
        assertEquals(1, notes.size());
        assertEquals("Thiết bị đã được thu hồi", notes.getFirst().text());
        assertEquals("lan", notes.getFirst().author());
        List<AuditEntry> audited = audit("incident.");
        assertEquals(List.of("incident.status_changed", "incident.assigned", "incident.status_changed"),
                audited.stream().map(AuditEntry::action).toList());
        assertTrue(audited.stream().allMatch(entry -> entry.actor().equals("lan") && entry.target().equals("incident:" + incident.id())));
        assertTrue(audited.getFirst().details().contains("\"from\":\"open\"") && audited.getFirst().details().contains("\"to\":\"acknowledged\""),
                audited.getFirst().details());
        assertTrue(audited.get(1).details().contains("\"owner\":\"hoa\""), audited.get(1).details());
        assertFalse(audited.getLast().details().contains("thu hồi"), "the note's text stays out of the audit log");
    }

    @Test
    void closingNeedsANoteAndABlankOneChangesNothing() {
        Incident incident = raise(1, "usb.storage=block");

        IllegalArgumentException resolve = assertThrows(IllegalArgumentException.class, () -> incidents.resolve("lan", incident, " "));
        IllegalArgumentException falsePositive = assertThrows(IllegalArgumentException.class,
                () -> incidents.markFalsePositive("lan", incident, null));

        assertEquals("this change needs a note saying how it was resolved", resolve.getMessage());
        assertEquals("this change needs a note saying why it is a false positive", falsePositive.getMessage());
        assertEquals(IncidentStatus.OPEN, database.incidents().find(incident.id()).orElseThrow().status());
        assertEquals(List.of(), audit("incident."));
    }

    @Test
    void aClosedIncidentStaysClosedButTakesNotes() {
        Incident closed = incidents.markFalsePositive("lan", raise(1, "usb.storage=block"), "USB mã hóa của đơn vị");

        IllegalStateException ack = assertThrows(IllegalStateException.class, () -> incidents.acknowledge("lan", closed));
        assertThrows(IllegalStateException.class, () -> incidents.resolve("lan", closed, "x"));
        assertThrows(IllegalStateException.class, () -> incidents.assign("lan", closed, "hoa"));
        IncidentNote note = incidents.addNote("hoa", closed, "Đã bổ sung vào danh sách cho phép");

        assertTrue(ack.getMessage().startsWith("incident " + closed.id() + " is false-positive since "), ack.getMessage());
        assertEquals(2, note.seq());
        assertEquals(IncidentStatus.FALSE_POSITIVE, database.incidents().find(closed.id()).orElseThrow().status());
        assertEquals("incident.noted", audit("incident.").getLast().action());
    }

    @Test
    void aChangeBasedOnAStaleReadIsRefusedAndChangesNothing() {
        Incident stale = raise(1, "usb.storage=block");
        incidents.acknowledge("lan", stale);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> incidents.markFalsePositive("hoa", stale, "x"));

        assertTrue(refused.getMessage().contains("was changed by another request"), refused.getMessage());
        assertEquals(IncidentStatus.ACKNOWLEDGED, database.incidents().find(stale.id()).orElseThrow().status());
        assertEquals(List.of(), database.incidents().notes(stale.id()));
    }

    @Test
    void aNoteIsLimitedInLength() {
        Incident incident = raise(1, "usb.storage=block");

        assertThrows(IllegalArgumentException.class, () -> incidents.addNote("lan", incident, "x".repeat(IncidentService.MAX_NOTE_CHARS + 1)));
        assertEquals(List.of(), database.incidents().notes(incident.id()));
    }

    @Test
    void notesCannotBeChangedOrDeletedEvenWithSql() throws Exception {
        Incident incident = raise(1, "usb.storage=block");
        incidents.addNote("lan", incident, "first");

        assertThrows(SQLException.class, () -> RawSql.execute(database.file(),
                "UPDATE incident_notes SET text = 'changed'"));
        assertThrows(SQLException.class, () -> RawSql.execute(database.file(),
                "DELETE FROM incident_notes"));
        assertEquals("first", database.incidents().notes(incident.id()).getFirst().text());
    }

    private Incident raise(long sequence, String rule) {
        Instant now = clock.instant();
        database.events().storeBatches(List.of(new AgentBatch("a1", List.of(TestViolations.usb(sequence, now, rule, "S")))), now);
        return database.incidents().list(IncidentQuery.all(1000)).getLast();
    }

    private List<Long> overdueNow() {
        return database.incidents().list(new IncidentQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(clock.instant()), 0, 100)).stream().map(Incident::id).toList();
    }

    private List<AuditEntry> audit(String prefix) {
        return database.audit().list(0, 1000).stream().filter(entry -> entry.action().startsWith(prefix)).toList();
    }
}
