package vn.canhgac.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle's {@link Argon2BytesGenerator}) in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, so that stronger parameters can be adopted
 * later without breaking stored hashes.
 *
 * <p>{@link #STANDARD} is OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about
 * 250 ms on a 2-core build machine. At most {@value #CONCURRENT} hashes run at once, so a burst
 * of logins queues instead of taking the heap.
 */
public final class PasswordHasher {
    /** Memory in KiB, passes, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public Cost {
            if (memoryKib < 8 * parallelism || memoryKib > 1 << 20 || iterations < 1 || iterations > 16 || parallelism < 1 || parallelism > 8) {
                throw new IllegalArgumentException("Argon2id cost must be 8·p..1048576 KiB, 1..16 passes and 1..8 lanes"
                        + " (got m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + ")");
            }
        }
    }

    public static final Cost STANDARD = new Cost(19_456, 2, 1);
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private static final int CONCURRENT = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,7}),t=([0-9]{1,2}),p=([0-9])\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");

    private final Cost cost;
    private final SecureRandom random;
    private final Semaphore running = new Semaphore(CONCURRENT, true);
    private volatile String decoy;

    public PasswordHasher(Cost cost, SecureRandom random) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Checks a new password's length (in code points): 12 to 256. Long passphrases beat forced
     * character classes, so there is no rule about digits or symbols.
     *
     * @throws IllegalArgumentException saying what is wrong, never echoing the password
     */
    public static void requireAcceptable(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a password must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long (got " + length + "); a passphrase of several words is easy to type and hard to guess");
        }
    }

    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; false (not an error) for a malformed hash. Constant-time compare. */
    public boolean verify(String password, String encoded) {
        Objects.requireNonNull(password, "password");
        Matcher parts = encoded == null ? null : PHC.matcher(encoded);
        if (parts == null || !parts.matches()) {
            return false;
        }
        Cost stored;
        byte[] salt;
        byte[] expected;
        try {
            stored = new Cost(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)));
            salt = Base64.getDecoder().decode(parts.group(4));
            expected = Base64.getDecoder().decode(parts.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, derive(password, salt, stored, expected.length));
    }

    /**
     * Spends the time of a real check against a hash of nothing, so that a login for an unknown
     * account takes as long as one for a known account with a wrong password.
     */
    public void verifyDecoy(String password) {
        String hash = decoy;
        if (hash == null) {
            byte[] nothing = new byte[24];
            random.nextBytes(nothing);
            hash = hash(Base64.getEncoder().encodeToString(nothing));
            decoy = hash;
        }
        verify(password, hash);
    }

    private byte[] derive(String password, byte[] salt, Cost cost) {
        return derive(password, salt, cost, HASH_BYTES);
    }

    private byte[] derive(String password, byte[] salt, Cost cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }
}
