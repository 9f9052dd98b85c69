package vn.canhgac.protocol.bundle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Locale;
import vn.canhgac.protocol.tls.Providers;

/**
 * The signed event bundle format ({@code canhgac/v1/bundle.proto}): its limits, its file names and
 * its signature. One bundle file is one {@code SignedEventBundle}; a larger export is split into
 * several files, each signed on its own and importable on its own.
 */
public final class BundleFormat {

    /** The only signature algorithm: the agent's key is EC P-256 (see {@code KeyPairs}). */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** Signed in front of the bundle bytes, so that no signature the agent's key made for another purpose passes as a bundle's. */
    public static final String SIGNATURE_CONTEXT = "canhgac.v1.EventBundle\0";

    /**
     * Largest serialized {@code EventBundle} in one file. Small enough that the server checks a
     * bundle in memory and canhgacctl uploads it in one request; an outbox of a million typical
     * events still fits in about twenty files.
     */
    public static final int MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

    /** Most events in one file; bounds the server's memory for the events of one import. */
    public static final int MAX_EVENTS = 50_000;

    /** Largest bundle file: the bundle plus room for the signature, the certificate and the framing. */
    public static final int MAX_FILE_BYTES = MAX_BUNDLE_BYTES + 64 * 1024;

    /** Bundle files end in this; their SHA-256 sidecars add {@value #SIDECAR_SUFFIX}. */
    public static final String FILE_SUFFIX = ".cgbundle";
    public static final String SIDECAR_SUFFIX = ".sha256";

    private BundleFormat() {}

    /**
     * {@code canhgac-AGENT-FIRST-LAST.cgbundle}, with the sequences zero-padded so that the files
     * of one agent sort in sequence order, which is the order to import them in.
     */
    public static String fileName(String agentId, long firstSequence, long lastSequence) {
        return String.format(Locale.ROOT, "canhgac-%s-%012d-%012d%s", agentId, firstSequence, lastSequence, FILE_SUFFIX);
    }

    /** A signature object for the agent's key, already fed the context and the certificate's hash; feed it the bundle bytes next. */
    static Signature signer(PrivateKey key, byte[] certificateDer) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM, Providers.bc());
            signature.initSign(key);
            signature.update(SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
            signature.update(sha256(certificateDer));
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign a bundle with this " + key.getAlgorithm() + " key: " + e.getMessage()
                    + " (bundles are signed with the agent's EC P-256 key)", e);
        }
    }

    /** A verifying signature object, already fed the context and the certificate's hash; throws if the key cannot verify this algorithm. */
    static Signature verifier(X509Certificate certificate, byte[] certificateDer) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM, Providers.bc());
        signature.initVerify(certificate.getPublicKey());
        signature.update(SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        signature.update(sha256(certificateDer));
        return signature;
    }

    private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
