package vn.canhgac.server.cli.ctl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How {@code canhgacctl} prints values for people. */
final class Texts {

    private Texts() {}

    /** UTC, to the second: {@code 2026-11-02T08:00:00Z}; "-" when absent. */
    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** At most {@code max} code points, with "…" when cut. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
