package vn.canhgac.server.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long events are kept: by the information system's security level (cấp độ 1–5), or longer
 * by an explicit {@code eventsDays}. The minimum for levels 2–5 is the law's (1, 3, 6 and 12
 * months, counted as 30, 90, 180 and 365 days). Level 1 has no figure of its own; it gets 30
 * days like level 2, so that an incident's evidence outlives the 24-hour report and a month of
 * follow-up, and a level-1 system is never kept shorter than a level-2 one.
 *
 * @param eventsDays an override, at least the level's minimum; empty means the minimum itself
 */
public record RetentionSettings(int securityLevel, Optional<Integer> eventsDays) {
    private static final int[] MINIMUM_DAYS = {30, 30, 90, 180, 365};
    /** Without configuration: the highest level, so that an unconfigured server never deletes earlier than the law allows. */
    public static final int DEFAULT_SECURITY_LEVEL = 5;
    /** Ten years: a bigger number is a typo, not a policy. */
    static final int MAX_DAYS = 3650;

    public RetentionSettings {
        Objects.requireNonNull(eventsDays, "eventsDays");
        if (securityLevel < 1 || securityLevel > 5) {
            throw new IllegalArgumentException("retention.securityLevel must be 1 to 5, the information system's cấp độ (got "
                    + securityLevel + ")");
        }
        int minimum = minimumDays(securityLevel);
        if (eventsDays.isPresent() && eventsDays.get() < minimum) {
            throw new IllegalArgumentException("retention.eventsDays is " + eventsDays.get() + " but security level " + securityLevel
                    + " requires keeping events at least " + minimum + " days; set eventsDays to " + minimum + " or more, or leave it out");
        }
        if (eventsDays.isPresent() && eventsDays.get() > MAX_DAYS) {
            throw new IllegalArgumentException("retention.eventsDays may be at most " + MAX_DAYS + " (got " + eventsDays.get() + ")");
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_SECURITY_LEVEL, Optional.empty());
    }

    public static int minimumDays(int securityLevel) {
        return MINIMUM_DAYS[securityLevel - 1];
    }

    public int days() {
        return eventsDays.orElse(minimumDays(securityLevel));
    }

    public Duration retention() {
        return Duration.ofDays(days());
    }
}
