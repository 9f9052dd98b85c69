package vn.canhgac.agent.documents;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one document format's text as units. Implementations hold no state between documents. */
interface Extractor {

    /**
     * @throws DocumentException if the document is corrupt, hostile, or over a limit
     * @throws IOException       if the file cannot be read
     */
    void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException;
}
