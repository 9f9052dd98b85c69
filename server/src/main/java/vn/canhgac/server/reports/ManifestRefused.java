package vn.canhgac.server.reports;

/** A report or its manifest failed verification; {@link #check()} says which check. */
public final class ManifestRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** The checks, in the order they run. */
    public enum Check {
        /** The manifest file is not a signed manifest. */
        MANIFEST,
        /** The Ed25519 or the ML-DSA-65 signature (the message names which) does not verify against the keys given. */
        SIGNATURE,
        /** The report file is not the one the manifest describes (size or SHA-256). */
        FILE
    }

    private final Check check;

    ManifestRefused(Check check, String message) {
        super(message, null, false, false);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
