package vn.canhgac.agent.documents;

/**
 * A document could not be read or judged: corrupt, truncated, hostile (a zip bomb) or too slow.
 * The message says what was wrong in words an inspector can act on, and never contains the
 * document's text or its file name (events may carry it off the machine).
 */
public final class DocumentException extends RuntimeException {

    public DocumentException(String message) {
        super(message);
    }

    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
