package vn.canhgac.protocol.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints of certificates, as printed to people and pinned by agents. */
public final class Fingerprints {

    private Fingerprints() {}

    /** Lower-case hex SHA-256 of the certificate's DER encoding. */
    public static String sha256Hex(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** "SHA256:AB:CD:…" for people comparing fingerprints by eye. */
    public static String display(String sha256Hex) {
        StringBuilder out = new StringBuilder("SHA256:");
        for (int i = 0; i < sha256Hex.length(); i += 2) {
            out.append(i > 0 ? ":" : "").append(sha256Hex, i, i + 2);
        }
        return out.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
