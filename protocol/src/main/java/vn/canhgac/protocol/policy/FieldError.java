package vn.canhgac.protocol.policy;

/**
 * A value that fails validation, thrown while a section is built. {@code key} is relative to the
 * object being built ("storage", "allow", or "" for the object itself); the parser turns it into
 * the full path and the line it stands on.
 */
final class FieldError extends IllegalArgumentException {

    private final String key;

    FieldError(String key, String reason) {
        super(reason);
        this.key = key;
    }

    String key() {
        return key;
    }
}
