package vn.canhgac.installer.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import vn.canhgac.protocol.tls.Providers;

/**
 * The layout of a signed release directory, shared by the signer and the verifier:
 * {@code SHA256SUMS} (the {@code sha256sum} format), {@code SHA256SUMS.sig}, one {@code NAME.sig}
 * per artifact and the public key, {@code canhgac-release.pub.pem}. A signature file holds the raw
 * 64-byte Ed25519 signature of the whole file, so {@code openssl pkeyutl -verify -rawin} checks it too.
 */
final class ReleaseFiles {

    static final String SUMS = "SHA256SUMS";
    static final String SIGNATURE_SUFFIX = ".sig";
    static final String PUBLIC_KEY = "canhgac-release.pub.pem";
    static final int SIGNATURE_BYTES = 64;
    /** Ed25519 signs the whole message, held in memory; packages are tens of megabytes. */
    static final long MAX_ARTIFACT_BYTES = 512L * 1024 * 1024;
    static final long MAX_SUMS_BYTES = 1024 * 1024;
    static final long MAX_PUBLIC_KEY_BYTES = 16 * 1024;

    private ReleaseFiles() {}

    /** The files in {@code directory} that are artifacts: everything but the sums, signatures and public key. */
    static List<Path> artifacts(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(ReleaseFiles::isArtifact).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    static boolean isArtifact(Path file) {
        String name = file.getFileName().toString();
        return !name.equals(SUMS) && !name.equals(PUBLIC_KEY) && !name.endsWith(SIGNATURE_SUFFIX) && !name.startsWith(".");
    }

    static Path signatureOf(Path file) {
        return file.resolveSibling(file.getFileName() + SIGNATURE_SUFFIX);
    }

    static String sha256Hex(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ReleaseKey.ALGORITHM, Providers.bc());
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the release key: " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ReleaseKey.ALGORITHM, Providers.bc());
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A PEM "PUBLIC KEY" (SubjectPublicKeyInfo) holding an Ed25519 key. */
    static PublicKey readPublicKey(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file; pass the release public key with --public-key");
        }
        String text = new String(readLimited(file, MAX_PUBLIC_KEY_BYTES), StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
                PublicKey key = new JcaPEMKeyConverter().setProvider(Providers.bc()).getPublicKey(info);
                if (ReleaseKey.ALGORITHM.equals(key.getAlgorithm())) {
                    return key;
                }
                throw new IllegalArgumentException(file + " holds a " + key.getAlgorithm() + " key; the release key is Ed25519");
            }
            throw new IllegalArgumentException(file + " is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable PEM public key: " + e.getMessage(), e);
        }
    }

    /** Reads a whole file that must not be larger than {@code limit}; the error names the file and the limit. */
    static byte[] readLimited(Path file, long limit) {
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new IllegalArgumentException(file + " is " + size + " bytes, more than the " + limit + " a release file may have");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
