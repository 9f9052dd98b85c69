package vn.canhgac.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report says about itself before its rows: the query, the units it covers
 * ({@code scope}: the named units with all their sub-units), who made it, when, on which server,
 * and its summary.
 */
record ReportHeader(ReportQuery query, List<String> scope, String generatedBy, Instant generatedAt, ServerIdentity server,
                    ReportSummary summary) {
    ReportHeader {
        Objects.requireNonNull(query, "query");
        scope = List.copyOf(scope);
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(summary, "summary");
    }

    Labels labels() {
        return new Labels(query.language());
    }
}
