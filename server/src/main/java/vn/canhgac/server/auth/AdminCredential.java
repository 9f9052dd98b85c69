package vn.canhgac.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.tls.KeyFiles;

/**
 * The first-part admin credential: a random bearer secret in a file only its owner can read,
 * written by {@code canhgac-server init} on the server's console. The server keeps only its
 * SHA-256 and compares in constant time. The management issue replaces this with accounts,
 * roles and TOTP; until then whoever can read the file on the server is the administrator.
 */
public final class AdminCredential {

    public static final String FILE_NAME = "admin.credential";
    private static final int SECRET_BYTES = 32;

    private final byte[] secretHash;

    private AdminCredential(byte[] secretHash) {
        this.secretHash = secretHash;
    }

    public static void create(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " already exists; delete it first to issue a new admin credential");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        KeyFiles.writeSecret(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
    }

    public static AdminCredential load(Path file) {
        if (!KeyFiles.isOwnerOnly(file)) {
            throw new IllegalStateException(file + " is readable by others than its owner; run `chmod 600 " + file + "`");
        }
        return new AdminCredential(hash(read(file)));
    }

    /** Reads the secret for a client on the server's console (canhgacctl). */
    public static String read(Path file) {
        try {
            if (Files.size(file) > 1024) {
                throw new IllegalStateException(file + " is too large to be an admin credential");
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin credential " + file + ": " + e.getMessage()
                    + " (run canhgacctl on the server as the user that ran `canhgac-server init`)", e);
        }
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(secretHash, hash(presented.strip()));
    }

    private static byte[] hash(String secret) {
        return java.util.HexFormat.of().parseHex(Fingerprints.sha256Hex(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "AdminCredential[<redacted>]";
    }
}
