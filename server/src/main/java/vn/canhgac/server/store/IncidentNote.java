package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/** One entry of an incident's append-only notes; {@code seq} counts from 1 per incident. */
public record IncidentNote(long incidentId, int seq, Instant at, String author, String text) {
    public IncidentNote {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
