package vn.canhgac.installer.release;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import vn.canhgac.protocol.tls.Fingerprints;

/**
 * Build step (package, last): signs everything in the distribution directory with the release key
 * ({@link ReleaseKey}: {@code -Dcanhgac.releaseKey=FILE}, {@code CANHGAC_RELEASE_KEY}, else the
 * development key). Usage: {@code SignArtifactsMain DIST_DIR}.
 */
public final class SignArtifactsMain {

    private SignArtifactsMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SignArtifactsMain DIST_DIR (got " + args.length + " arguments)");
        }
        Path directory = Path.of(args[0]);
        ReleaseKey key = ReleaseKey.resolve(Optional.ofNullable(System.getProperty(ReleaseKey.PROPERTY)), System.getenv(),
                Path.of(System.getProperty("user.home")), new SecureRandom());
        String fingerprint = Fingerprints.display(Fingerprints.sha256Hex(key.publicKey().getEncoded()));
        if (key.development()) {
            // A build step's output is read by people: this line must stand out in it.
            System.err.println("[canhgac] WARNING: THESE ARTIFACTS ARE SIGNED WITH A DEVELOPMENT KEY (" + key.file() + ", " + fingerprint
                    + "), NOT THE PROJECT'S RELEASE KEY. Set -D" + ReleaseKey.PROPERTY + "=FILE or " + ReleaseKey.ENVIRONMENT
                    + " to sign a release.");
        }
        List<String> signed = ArtifactSigner.sign(directory, key);
        System.out.println("[canhgac] signed " + signed + " in " + directory + " with " + key.file() + " (" + fingerprint + ")");
    }
}
