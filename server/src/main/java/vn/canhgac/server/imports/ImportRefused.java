package vn.canhgac.server.imports;

import java.util.Objects;

/** A bundle was refused and nothing of it was stored; the message says why and what to do. */
public final class ImportRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a readable bundle: damaged, truncated, another kind of file, another protocol version, or an event breaks the protocol's rules. */
        MALFORMED,
        /** Readable, but not provably this agent's: a failed signature, a certificate this server did not issue to it, an unknown or revoked agent. */
        NOT_TRUSTED,
        /** Genuine, but storing it would leave events between what the server holds and the bundle unaccounted for. */
        GAP
    }

    private final Reason reason;

    ImportRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
