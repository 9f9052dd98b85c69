package vn.canhgac.server.cli.ctl;

/**
 * A failure {@code canhgacctl} reports as one line on stderr, exit code 1. The message says what
 * happened and what to do; there is no stack trace for the person at the console.
 */
public final class CtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CtlException(String message) {
        super(message);
    }

    public CtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
