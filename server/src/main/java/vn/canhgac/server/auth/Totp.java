package vn.canhgac.server.auth;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time passwords, RFC 6238 over RFC 4226: HMAC-SHA-1, 6 digits, 30-second steps,
 * one step of clock drift accepted either way. This is what every authenticator app understands
 * from an {@code otpauth://totp/} URI.
 *
 * <p>Written here rather than taken from vertx-auth-otp: that module wraps the same few lines in
 * an asynchronous authenticator store, while the server checks codes inside a store transaction
 * that also refuses a replayed step. The RFC's own test vectors pin this implementation.
 */
public final class Totp {
    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    public static final int SECRET_BYTES = 20;
    private static final int DRIFT_STEPS = 1;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {}

    /** 160 random bits, the size RFC 4226 recommends for HMAC-SHA-1. */
    public static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code for the step that holds {@code at}. */
    public static String code(byte[] secret, Instant at) {
        return code(secret, step(at), DIGITS);
    }

    /** RFC 4226 HOTP with the time step as its counter, {@code digits} long (zero-padded). */
    static String code(byte[] secret, long step, int digits) {
        byte[] hmac;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hmac = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM; every Java SE runtime must provide it", e);
        }
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16) | ((hmac[offset + 2] & 0xff) << 8)
                | (hmac[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%0" + digits + "d", binary % POWERS[digits]);
    }

    /**
     * The step whose code {@code code} is, within one step of {@code now}; empty if none.
     * Spaces are ignored, since apps show codes as "123 456". The caller refuses a step it has
     * accepted before.
     */
    public static OptionalLong match(byte[] secret, String code, Instant now) {
        String digits = code == null ? "" : code.replace(" ", "");
        if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        // Every candidate is computed, so the time taken does not say which step matched.
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
                    digits.getBytes(StandardCharsets.US_ASCII)) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    /** The secret as authenticator apps take it: RFC 4648 Base32 without padding. */
    public static String base32(byte[] secret) {
        return Base32.toBase32String(secret).replace("=", "");
    }

    /**
     * Reads a Base32 secret as {@link #base32} writes it (case, spaces and padding are forgiven).
     *
     * @throws IllegalArgumentException if it is not Base32 or not 16 to 64 bytes long
     */
    public static byte[] fromBase32(String text) {
        String clean = text.strip().replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        if (!clean.matches("[A-Z2-7]{26,103}")) {
            throw new IllegalArgumentException("a TOTP secret must be 26 to 103 Base32 characters (A-Z, 2-7)");
        }
        String padded = clean + "=".repeat((8 - clean.length() % 8) % 8);
        return Base32.decode(padded);
    }

    /**
     * The enrolment URI that authenticator apps read (as a QR code or pasted):
     * {@code otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30}.
     */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
