package vn.canhgac.server.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an incident stands. {@link #OPEN} and {@link #ACKNOWLEDGED} are live: new violations of
 * the same agent and rule join them, and the reporting deadline runs. {@link #RESOLVED} and
 * {@link #FALSE_POSITIVE} are closed for good: a new violation raises a new incident.
 */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, FALSE_POSITIVE;

    /** The name in the API, the CLI and the store: open, acknowledged, resolved, false-positive. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean live() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    /** @throws IllegalArgumentException naming the accepted statuses */
    public static IncidentStatus parse(String text) {
        for (IncidentStatus status : values()) {
            if (status.wire().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of " + Arrays.stream(values()).map(IncidentStatus::wire)
                .collect(Collectors.joining(", ")) + " (got " + (text == null ? "nothing" : "\"" + text + "\"") + ")");
    }
}
