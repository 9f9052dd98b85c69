package vn.canhgac.protocol.bundle;

import java.security.cert.X509Certificate;
import java.util.Objects;
import vn.canhgac.protocol.v1.EventBundle;

/**
 * A bundle whose signature verifies with the certificate it carries, and whose events are the
 * consecutive sequences its header names. Whether that certificate is one the server trusts for
 * that agent is the server's question, not answered here.
 *
 * @param sha256Hex SHA-256 of the whole file, as in its sidecar
 */
public record VerifiedBundle(EventBundle bundle, X509Certificate certificate, String sha256Hex) {
    public VerifiedBundle {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
    }
}
