package vn.canhgac.server.incidents;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentNote;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.IncidentStore;
import vn.canhgac.server.store.IncidentStore.NoteDraft;
import vn.canhgac.server.store.StoredEvent;

/**
 * What people do with incidents: read them, acknowledge, assign, resolve, mark a false positive,
 * add notes. Each change is audited ({@code incident.status_changed}, {@code incident.assigned},
 * {@code incident.noted}) after it is stored. Who may do it is the caller's question
 * ({@code Access}); this class keeps the incident's own rules: closing needs a note, a closed
 * incident stays closed, and only a live one is acknowledged or assigned.
 *
 * <p>Refusals: {@link IllegalArgumentException} for a request that is wrong in itself (no note,
 * a note too long), {@link IllegalStateException} for one the incident's state does not allow.
 */
public final class IncidentService {
    public static final int MAX_NOTE_CHARS = 4000;
    /** How many of an incident's violations {@link #details} returns, newest first. */
    public static final int MAX_VIOLATIONS_SHOWN = 200;

    /** An incident with its notes and its newest stored violations (the evidence). */
    public record Details(Incident incident, List<IncidentNote> notes, List<StoredEvent> violations) {}

    private final IncidentStore store;
    private final AuditLog audit;
    private final Clock clock;

    public IncidentService(IncidentStore store, AuditLog audit, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    public List<Incident> list(IncidentQuery query) {
        return store.list(query);
    }

    public Optional<Incident> find(long id) {
        return store.find(id);
    }

    public Details details(Incident incident) {
        return new Details(incident, store.notes(incident.id()), store.violations(incident.id(), MAX_VIOLATIONS_SHOWN));
    }

    public Incident acknowledge(String actor, Incident incident) {
        requireLive(incident, "acknowledged");
        if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
            throw new IllegalStateException("incident " + incident.id() + " is acknowledged already");
        }
        return changeStatus(actor, incident, IncidentStatus.ACKNOWLEDGED, Optional.empty());
    }

    /** Closes the incident as dealt with; the note says how. */
    public Incident resolve(String actor, Incident incident, String note) {
        return close(actor, incident, IncidentStatus.RESOLVED, note);
    }

    /** Closes the incident as not a real violation; the note says why. */
    public Incident markFalsePositive(String actor, Incident incident, String note) {
        return close(actor, incident, IncidentStatus.FALSE_POSITIVE, note);
    }

    /** @param owner an existing account's username; whether it may handle this unit is the caller's check */
    public Incident assign(String actor, Incident incident, String owner) {
        requireLive(incident, "assigned");
        if (!store.assign(incident.id(), owner, clock.instant())) {
            throw changedMeanwhile(incident);
        }
        audit.record(actor, "incident.assigned", target(incident), Map.of("owner", owner,
                "previousOwner", incident.owner().orElse(""), "unit", incident.unit()));
        return reread(incident);
    }

    public IncidentNote addNote(String actor, Incident incident, String text) {
        IncidentNote note = store.addNote(incident.id(), new NoteDraft(actor, clock.instant(), checkedNote(text, "text")));
        audit.record(actor, "incident.noted", target(incident), noteDetails(incident, note));
        return note;
    }

    private Incident close(String actor, Incident incident, IncidentStatus to, String note) {
        String text = checkedNote(note, "a note saying " + (to == IncidentStatus.RESOLVED ? "how it was resolved" : "why it is a false positive"));
        requireLive(incident, to == IncidentStatus.RESOLVED ? "resolved" : "marked a false positive");
        return changeStatus(actor, incident, to, Optional.of(text));
    }

    private Incident changeStatus(String actor, Incident incident, IncidentStatus to, Optional<String> note) {
        Optional<NoteDraft> draft = note.map(text -> new NoteDraft(actor, clock.instant(), text));
        if (!store.changeStatus(incident.id(), incident.status(), to, clock.instant(), draft)) {
            throw changedMeanwhile(incident);
        }
        audit.record(actor, "incident.status_changed", target(incident), Map.of("from", incident.status().wire(), "to", to.wire(),
                "unit", incident.unit(), "noteChars", note.map(String::length).orElse(0)));
        return reread(incident);
    }

    private static void requireLive(Incident incident, String change) {
        if (!incident.status().live()) {
            throw new IllegalStateException("incident " + incident.id() + " is " + incident.status().wire() + " since "
                    + incident.resolvedAt().map(Object::toString).orElse("?") + " and cannot be " + change
                    + "; a closed incident stays closed, and a new violation of the same rule raises a new incident");
        }
    }

    /** @param what what the note must say, for the message when it is missing */
    private static String checkedNote(String text, String what) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("this change needs " + what);
        }
        if (stripped.length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("a note may have at most " + MAX_NOTE_CHARS + " characters (got " + stripped.length()
                    + "); attach long material elsewhere and refer to it");
        }
        return stripped;
    }

    private IllegalStateException changedMeanwhile(Incident incident) {
        return new IllegalStateException("incident " + incident.id() + " was changed by another request while this one ran"
                + " (it was " + incident.status().wire() + "); show it again and retry");
    }

    private Incident reread(Incident incident) {
        return store.find(incident.id()).orElseThrow(() -> new IllegalStateException("incident " + incident.id() + " disappeared"));
    }

    /** Notes can name files or people; the audit log keeps that a note was written, the incident keeps what it says. */
    private static Map<String, Object> noteDetails(Incident incident, IncidentNote note) {
        return Map.of("seq", note.seq(), "chars", note.text().length(), "unit", incident.unit());
    }

    private static String target(Incident incident) {
        return "incident:" + incident.id();
    }
}
