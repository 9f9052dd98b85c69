package vn.canhgac.protocol.policy;

/**
 * A policy that does not parse or validate. The message names the source, the line and the field:
 * {@code policy.yaml line 14: usb.storage must be one of block, read-only, allow (got "blok")}.
 */
public final class PolicyException extends RuntimeException {

    private final String source;
    private final int line;
    private final String field;
    private final String reason;

    PolicyException(String source, int line, String field, String reason) {
        super(source + (line > 0 ? " line " + line : "") + ": " + (field.isEmpty() || reason.startsWith(field) ? "" : field + ": ") + reason);
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** 1-based; 0 when the problem is not tied to a line (e.g. an unreadable file). */
    public int line() {
        return line;
    }

    /** Dotted path of the field at fault, e.g. {@code usb.allow[0].vendorId}; empty for the whole document. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
