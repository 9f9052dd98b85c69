package vn.canhgac.protocol.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.Pem;

/**
 * The public halves of a server's signing keys: what an agent receives at enrolment and an
 * inspector needs to check a report offline. Stored as two PEM files in one directory.
 */
public record VerifyingKeys(PublicKey ed25519, PublicKey mlDsa65) {

    static final String ED25519_FILE = "ed25519.pub";
    static final String ML_DSA_65_FILE = "ml-dsa-65.pub";

    public VerifyingKeys {
        Algorithms.ED25519.requireAlgorithm(ed25519);
        Algorithms.ML_DSA_65.requireAlgorithm(mlDsa65);
    }

    /** From the X.509 SubjectPublicKeyInfo encodings carried on the wire. */
    public static VerifyingKeys fromEncoded(byte[] ed25519, byte[] mlDsa65) {
        return new VerifyingKeys(Algorithms.ED25519.publicKey(ed25519), Algorithms.ML_DSA_65.publicKey(mlDsa65));
    }

    public static VerifyingKeys readFrom(Path directory) {
        return new VerifyingKeys(Pem.readPublicKey(directory.resolve(ED25519_FILE)),
                Pem.readPublicKey(directory.resolve(ML_DSA_65_FILE)));
    }

    public static boolean existIn(Path directory) {
        return Files.isRegularFile(directory.resolve(ED25519_FILE))
                && Files.isRegularFile(directory.resolve(ML_DSA_65_FILE));
    }

    public void writeTo(Path directory) {
        KeyFiles.writePublic(directory.resolve(ED25519_FILE), Pem.encode(ed25519));
        KeyFiles.writePublic(directory.resolve(ML_DSA_65_FILE), Pem.encode(mlDsa65));
    }

    /** SHA-256 over both encodings, in hex: what staff compare when they check a key by eye. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ed25519.getEncoded());
            digest.update(mlDsa65.getEncoded());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
