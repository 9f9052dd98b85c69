package vn.canhgac.server.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The protocol's severity numbers (0..5) with the names the admin API and reports use. */
public enum Severity {
    UNSPECIFIED, INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The stored number, as the agent sent it. */
    public int number() {
        return ordinal();
    }

    /** Lower case, as on the wire: {@code critical}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stored number outside 0..5 cannot come from the channel; it reads as unspecified rather than failing a page. */
    public static Severity of(int number) {
        return number >= 0 && number < values().length ? values()[number] : UNSPECIFIED;
    }

    public static Optional<Severity> parse(String wire) {
        return Arrays.stream(values()).filter(severity -> severity.wire().equals(wire)).findFirst();
    }

    /** For error messages: {@code unspecified, info, low, medium, high, critical}. */
    public static String names() {
        return Arrays.stream(values()).map(Severity::wire).collect(Collectors.joining(", "));
    }
}
