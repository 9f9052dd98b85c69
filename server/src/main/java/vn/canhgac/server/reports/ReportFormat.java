package vn.canhgac.server.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The file formats of a violation report. */
public enum ReportFormat {
    CSV("text/csv; charset=utf-8"),
    JSON("application/json; charset=utf-8"),
    PDF("application/pdf");

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
        return "." + wire();
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ReportFormat> parse(String wire) {
        return Arrays.stream(values()).filter(format -> format.wire().equals(wire)).findFirst();
    }
}
