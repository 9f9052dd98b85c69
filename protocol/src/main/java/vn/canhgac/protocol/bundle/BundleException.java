package vn.canhgac.protocol.bundle;

import java.util.Objects;

/**
 * A bundle file was refused. The message says what is wrong and that nothing was stored; the
 * kind tells a caller whether the file is not a bundle at all or a bundle that fails its signature.
 */
public final class BundleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Not a readable bundle of this protocol version: damaged, truncated, not a bundle, or inconsistent. */
        MALFORMED,
        /** A readable bundle whose signature does not verify: changed after it was signed. */
        SIGNATURE_INVALID
    }

    private final Kind kind;

    BundleException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    BundleException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
