package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incidents, their notes and the violations filed into them. Incidents are raised and joined by
 * the event store itself, in the transaction that stores the violations (see
 * {@code SqliteEventStore}); this interface reads them and records what people do with them.
 * Every change is a compare-and-set on the status read before, so two people acting on one
 * incident at once cannot both win. Implementations are thread-safe.
 */
public interface IncidentStore {

    /** Incidents matching the query, ordered by id ascending. */
    List<Incident> list(IncidentQuery query);

    Optional<Incident> find(long id);

    /** The incident's notes, oldest first. */
    List<IncidentNote> notes(long incidentId);

    /**
     * The violation events filed into the incident and still stored, with their payloads (the
     * evidence), newest first, at most {@code limit}.
     */
    List<StoredEvent> violations(long incidentId, int limit);

    /**
     * Moves the incident from {@code from} to {@code to}, setting resolvedAt when {@code to} is
     * closed, and appends the note if one is given, in one transaction.
     *
     * @return false, changing nothing, when the incident is no longer in status {@code from}
     */
    boolean changeStatus(long id, IncidentStatus from, IncidentStatus to, Instant at, Optional<NoteDraft> note);

    /**
     * Sets the owner of a live incident.
     *
     * @return false, changing nothing, when the incident is not live any more
     */
    boolean assign(long id, String owner, Instant at);

    /** Appends a note; returns it with its sequence number. Notes can be added to closed incidents too. */
    IncidentNote addNote(long id, NoteDraft note);

    /** A note to append: its author, time and text. */
    record NoteDraft(String author, Instant at, String text) {}
}
