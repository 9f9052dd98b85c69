package vn.canhgac.agent.documents;

/** What reading one document found. */
public sealed interface ReadOutcome {

    /** No classification stamp. */
    record Clean() implements ReadOutcome {}

    /**
     * A stamp: the highest level in the document, where it first appears, and whether the
     * document also bears the declassification stamp "GIẢI MẬT".
     */
    record Marked(Level level, boolean declassified, String location) implements ReadOutcome {}

    /** The document could not be read to the end and no stamp was found before that; {@code message} says why. */
    record Unreadable(String message) implements ReadOutcome {}
}
