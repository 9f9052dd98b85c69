package vn.canhgac.server.store;

/**
 * A store operation failed. The message names the operation, the database file or table, and
 * what an operator can do about it; the cause carries the driver's own error.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
