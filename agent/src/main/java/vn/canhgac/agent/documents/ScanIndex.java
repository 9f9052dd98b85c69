package vn.canhgac.agent.documents;

import java.util.List;
import java.util.Optional;

/**
 * What the scanner remembers between passes, so an unchanged file is not read again: host path
 * and {@link Fingerprint} → what reading it found. The agent keeps it in SQLite in its state
 * directory ({@link SqliteScanIndex}); an audit keeps it in memory ({@link MemoryScanIndex}).
 */
public interface ScanIndex extends AutoCloseable {

    /** Starts a pass: every path looked up or stored from now on counts as seen. */
    void beginPass();

    /** The stored result if the file is unchanged; marks the path seen either way. */
    Optional<ScannedDocument> lookup(String hostPath, Fingerprint fingerprint);

    void store(Fingerprint fingerprint, ScannedDocument document);

    /** Ends a pass; a complete pass forgets the paths it did not see (deleted or moved files). */
    void endPass(boolean complete);

    /** Every marked document known, for judging them again when connectivity changes. */
    List<ScannedDocument> marked();

    @Override
    void close();
}
