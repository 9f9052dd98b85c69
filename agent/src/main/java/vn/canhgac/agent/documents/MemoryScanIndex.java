package vn.canhgac.agent.documents;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link ScanIndex} in memory, for one audit (or a test). Not thread-safe. */
public final class MemoryScanIndex implements ScanIndex {

    private record Row(Fingerprint fingerprint, ScannedDocument document) {}

    private final Map<String, Row> rows = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    @Override
    public void beginPass() {
        seen.clear();
    }

    @Override
    public Optional<ScannedDocument> lookup(String hostPath, Fingerprint fingerprint) {
        seen.add(hostPath);
        Row row = rows.get(hostPath);
        return row != null && row.fingerprint().equals(fingerprint) ? Optional.of(row.document()) : Optional.empty();
    }

    @Override
    public void store(Fingerprint fingerprint, ScannedDocument document) {
        seen.add(document.hostPath());
        rows.put(document.hostPath(), new Row(fingerprint, document));
    }

    @Override
    public void endPass(boolean complete) {
        if (complete) {
            rows.keySet().retainAll(seen);
        }
    }

    @Override
    public List<ScannedDocument> marked() {
        return rows.values().stream().map(Row::document).filter(ScannedDocument::isMarked).toList();
    }

    @Override
    public void close() {
        rows.clear();
    }
}
