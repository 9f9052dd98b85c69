package vn.canhgac.protocol.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.protocol.tls.Providers;

/**
 * A server's signing keys (Ed25519 and ML-DSA-65) with their public halves. Private keys are
 * written owner-only (0600) from the first byte, in a directory only the owner can enter.
 */
public record SigningKeys(PrivateKey ed25519, PrivateKey mlDsa65, VerifyingKeys verifying) {

    private static final String ED25519_FILE = "ed25519.key";
    private static final String ML_DSA_65_FILE = "ml-dsa-65.key";

    public SigningKeys {
        Algorithms.ED25519.requireAlgorithm(ed25519);
        Algorithms.ML_DSA_65.requireAlgorithm(mlDsa65);
    }

    public static SigningKeys generate(SecureRandom random) {
        try {
            var ed = KeyPairGenerator.getInstance(Algorithms.ED25519.jcaName, Providers.bc());
            ed.initialize(255, random);
            var edPair = ed.generateKeyPair();
            var ml = KeyPairGenerator.getInstance(Algorithms.ML_DSA_65.jcaName, Providers.bc());
            ml.initialize(MLDSAParameterSpec.ml_dsa_65, random);
            var mlPair = ml.generateKeyPair();
            return new SigningKeys(edPair.getPrivate(), mlPair.getPrivate(),
                    new VerifyingKeys(edPair.getPublic(), mlPair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate Ed25519/ML-DSA-65 keys: " + e.getMessage(), e);
        }
    }

    public static boolean existIn(Path directory) {
        return Files.isRegularFile(directory.resolve(ED25519_FILE)) || Files.isRegularFile(directory.resolve(ML_DSA_65_FILE));
    }

    /** Refuses to read a private key that others can read: that key must be treated as leaked. */
    public static SigningKeys readFrom(Path directory) {
        for (String name : new String[] {ED25519_FILE, ML_DSA_65_FILE}) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file) && !KeyFiles.isOwnerOnly(file)) {
                throw new IllegalArgumentException(file + " is readable by others; make it owner-only (chmod 600) "
                        + "and consider the key compromised: rotate it");
            }
        }
        return new SigningKeys(Pem.readPrivateKey(directory.resolve(ED25519_FILE)),
                Pem.readPrivateKey(directory.resolve(ML_DSA_65_FILE)), VerifyingKeys.readFrom(directory));
    }

    public void writeTo(Path directory) {
        KeyFiles.createPrivateDirectory(directory);
        KeyFiles.writeSecret(directory.resolve(ED25519_FILE), Pem.encode(ed25519));
        KeyFiles.writeSecret(directory.resolve(ML_DSA_65_FILE), Pem.encode(mlDsa65));
        verifying.writeTo(directory);
    }
}
