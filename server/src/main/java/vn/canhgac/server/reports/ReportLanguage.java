package vn.canhgac.server.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The language of a report's labels: Vietnamese by default, English on request. */
public enum ReportLanguage {
    VI, EN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportLanguage> parse(String wire) {
        return Arrays.stream(values()).filter(language -> language.wire().equals(wire)).findFirst();
    }
}
