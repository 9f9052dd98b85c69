package vn.canhgac.agent.documents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditSource;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.protocol.policy.DocumentsPolicy;

/**
 * {@code canhgac-agent audit}'s document check: the policy's document roots (or only
 * {@code --documents DIR}), read at full speed with an in-memory index, judged against the
 * connectivity verdict the connectivity source published before it. Prints full paths: the
 * audit runs at the machine and sends nothing anywhere.
 */
public final class DocumentsAuditSource implements AuditSource {

    public static final String NAME = "documents";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> audit(AuditContext context) {
        DocumentsPolicy policy = context.policy().documents();
        List<String> roots;
        if (context.documentsOnly().isPresent()) {
            roots = List.of(hostPath(context.documentsOnly().get()));
        } else if (policy.scan()) {
            roots = policy.roots();
        } else {
            return List.of();
        }
        ConnectivityBoard.Snapshot connectivity = context.connectivity().current();
        List<Finding> findings = new ArrayList<>();
        DocumentScanner.Summary summary;
        try (DocumentReader reader = new DocumentReader(System::nanoTime); MemoryScanIndex index = new MemoryScanIndex()) {
            DocumentScanner scanner = new DocumentScanner(context.hostRoot(), index, reader, Throttle.none(), System::nanoTime);
            summary = scanner.scan(roots, context.documentsOnly().isPresent(), ScanLimits.forMaxFileSizeMb(policy.maxFileSizeMb()),
                    document -> findings.add(finding(document, context.role(), connectivity)));
        }
        if (summary.stoppedBecause() != null) {
            findings.add(new ErrorFinding(NAME, "", "document scan incomplete: " + summary.stoppedBecause()));
        }
        return findings;
    }

    private static Finding finding(ScannedDocument document, String role, ConnectivityBoard.Snapshot connectivity) {
        return switch (document.outcome()) {
            case ReadOutcome.Marked marked -> new DocumentFinding(document.hostPath(), marked.level(), marked.declassified(),
                    document.sha256(), marked.location(), document.size(), DocumentRule.isViolation(marked, role, connectivity));
            case ReadOutcome.Unreadable unreadable -> new ErrorFinding(NAME, document.hostPath(), unreadable.message());
            case ReadOutcome.Clean clean -> throw new IllegalStateException("the scanner reports only marked or unreadable documents");
        };
    }

    /** {@code --documents DIR} is a host path; a relative one is taken from the current directory (meaningful with host root "/"). */
    private static String hostPath(Path directory) {
        return directory.isAbsolute() ? directory.normalize().toString() : directory.toAbsolutePath().normalize().toString();
    }
}
