package vn.canhgac.agent.outbox;

/**
 * The outbox file cannot be opened, read or written: corrupt, written by a newer agent, not
 * writable, or the disk failed. The message names the file and says what to do; the file is
 * left exactly as it was found.
 */
public final class OutboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    OutboxException(String message) {
        super(message);
    }
}
