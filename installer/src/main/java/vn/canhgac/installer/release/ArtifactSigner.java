package vn.canhgac.installer.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.Pem;

/** Signs every artifact in a directory and writes the signed {@code SHA256SUMS} and the public key beside them. */
public final class ArtifactSigner {

    private ArtifactSigner() {}

    /** Returns the artifacts signed, by name. */
    public static List<String> sign(Path directory, ReleaseKey key) {
        List<Path> artifacts = ReleaseFiles.artifacts(directory);
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException(directory + " holds no artifact to sign");
        }
        StringBuilder sums = new StringBuilder();
        for (Path artifact : artifacts) {
            byte[] content = ReleaseFiles.readLimited(artifact, ReleaseFiles.MAX_ARTIFACT_BYTES);
            write(ReleaseFiles.signatureOf(artifact), ReleaseFiles.sign(key.privateKey(), content));
            // Two spaces: the sha256sum text-mode format, so `sha256sum -c SHA256SUMS` reads it too.
            sums.append(ReleaseFiles.sha256Hex(artifact)).append("  ").append(artifact.getFileName()).append('\n');
        }
        byte[] sumsBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        Path sumsFile = directory.resolve(ReleaseFiles.SUMS);
        write(sumsFile, sumsBytes);
        write(ReleaseFiles.signatureOf(sumsFile), ReleaseFiles.sign(key.privateKey(), sumsBytes));
        KeyFiles.writePublic(directory.resolve(ReleaseFiles.PUBLIC_KEY), Pem.encode(key.publicKey()));
        return artifacts.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
