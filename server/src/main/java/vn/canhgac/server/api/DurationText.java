package vn.canhgac.server.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: a whole number and a unit, {@code 90s}, {@code 30m},
 * {@code 24h}, {@code 7d}. Used for a token's {@code expires} and {@code canhgacctl --since}.
 */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})([smhd])");

    private DurationText() {}

    /**
     * @param field named in the error message, e.g. {@code expires}
     * @throws IllegalArgumentException naming the field and the accepted form
     */
    public static Duration parse(String field, String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(field + " must be a whole number followed by s, m, h or d, like 30m, 24h or 7d (got "
                    + (text == null ? "nothing" : "\"" + text + "\"") + ")");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
