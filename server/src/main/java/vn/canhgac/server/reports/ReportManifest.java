package vn.canhgac.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a report's signed manifest states: the file (name, format, SHA-256, size, detail rows),
 * the exact query that produced it and the units it covered, when and by whom it was made, and
 * which server made it. {@code totalViolations} can exceed {@code rowCount} only for a PDF cut
 * at its row cap.
 */
public record ReportManifest(int manifestVersion, String reportFile, String format, String sha256, long size, long rowCount,
                             long totalViolations, Map<String, Object> query, List<String> scope, Instant generatedAt,
                             String generatedBy, ServerIdentity serverIdentity) {
    public static final int VERSION = 1;

    public ReportManifest {
        Objects.requireNonNull(reportFile, "reportFile");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        query = Map.copyOf(Objects.requireNonNull(query, "query"));
        scope = List.copyOf(Objects.requireNonNull(scope, "scope"));
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(serverIdentity, "serverIdentity");
    }
}
