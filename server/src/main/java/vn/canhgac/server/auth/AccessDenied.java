package vn.canhgac.server.auth;

/**
 * A request the caller's account may not make. {@link Kind#FORBIDDEN}: the role does not allow
 * the operation (the API answers 403). {@link Kind#NOT_FOUND}: the thing lies outside the
 * account's units, and is answered exactly as if it did not exist (404), so that an officer of
 * one unit learns nothing about another.
 */
public final class AccessDenied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { FORBIDDEN, NOT_FOUND }

    private final Kind kind;

    AccessDenied(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
