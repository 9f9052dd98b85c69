package vn.canhgac.server.reports;

import java.util.Objects;

/** Which server made a report: its CA's SHA-256 fingerprint and its signing keys' fingerprint, both hex. */
public record ServerIdentity(String caFingerprint, String signingKeyFingerprint) {
    public ServerIdentity {
        Objects.requireNonNull(caFingerprint, "caFingerprint");
        Objects.requireNonNull(signingKeyFingerprint, "signingKeyFingerprint");
    }
}
