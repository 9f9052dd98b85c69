package vn.canhgac.agent.documents;

import java.util.function.Supplier;

/**
 * Where an extractor delivers the units of a document, in document order: each paragraph line,
 * table-cell paragraph, text-box paragraph, header and footer line, spreadsheet cell or PDF
 * line. The location is asked for only when the unit matters, so building it costs nothing
 * for ordinary text.
 */
@FunctionalInterface
public interface UnitSink {

    /**
     * @param text     the unit's text, already decoded from any legacy font encoding, not yet trimmed or normalised
     * @param location where the unit is, in an inspector's words: "header", "paragraph 3", "table 1 cell 2,1", "page 2";
     *                 ask it during this call only (it may read the extractor's moving position)
     */
    void unit(String text, Supplier<String> location);
}
