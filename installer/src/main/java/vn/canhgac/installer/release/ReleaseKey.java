package vn.canhgac.installer.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.protocol.tls.Providers;

/**
 * The key release artifacts are signed with: Ed25519 through Bouncy Castle, an unencrypted
 * PKCS#8 PEM file readable by its owner only.
 *
 * <p>The release key comes from {@code -Dcanhgac.releaseKey=FILE} or {@code CANHGAC_RELEASE_KEY}.
 * Without one, a development key is made once in {@code ~/.config/canhgac/release-dev.key} so that
 * every build signs (and the signing path is always exercised); its artifacts say so loudly.
 */
public record ReleaseKey(PrivateKey privateKey, PublicKey publicKey, Path file, boolean development) {

    public static final String PROPERTY = "canhgac.releaseKey";
    public static final String ENVIRONMENT = "CANHGAC_RELEASE_KEY";
    static final String ALGORITHM = "Ed25519";

    /** The configured release key, else the development key under {@code home} (created when missing). */
    public static ReleaseKey resolve(Optional<String> property, Map<String, String> environment, Path home, SecureRandom random) {
        Optional<String> configured = property.filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(environment.get(ENVIRONMENT)).filter(v -> !v.isBlank()));
        if (configured.isPresent()) {
            return load(Path.of(configured.get()), false);
        }
        Path development = home.resolve(".config").resolve("canhgac").resolve("release-dev.key");
        if (!Files.exists(development)) {
            KeyFiles.createPrivateDirectory(development.getParent());
            KeyFiles.writeSecret(development, Pem.encode(generate(random).getPrivate()));
        }
        return load(development, true);
    }

    public static ReleaseKey load(Path file, boolean development) {
        if (Files.isRegularFile(file) && !KeyFiles.isOwnerOnly(file)) {
            throw new IllegalArgumentException(file + " can be read by others than its owner: a release key must be mode 0600 (chmod 600 "
                    + file + ")");
        }
        PrivateKey key = Pem.readPrivateKey(file);
        if (!(key instanceof EdDSAPrivateKey edKey) || !ALGORITHM.equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(file + " holds a " + key.getAlgorithm() + " key; the release key must be Ed25519 "
                    + "(openssl genpkey -algorithm ed25519 -out " + file + ")");
        }
        return new ReleaseKey(key, edKey.getPublicKey(), file, development);
    }

    static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM, Providers.bc());
            generator.initialize(255, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key pair: " + e.getMessage(), e);
        }
    }
}
