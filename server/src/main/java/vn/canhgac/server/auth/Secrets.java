package vn.canhgac.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;
import vn.canhgac.protocol.tls.Fingerprints;

/**
 * Random secrets that are stored only as their SHA-256: session tokens (256 bits) and recovery
 * codes (80 bits each). A plain hash is enough, as for enrolment tokens: there is nothing to
 * guess in that many random bits, and a copy of the database does not reveal a usable secret.
 */
public final class Secrets {
    public static final int RECOVERY_CODES = 10;
    private static final int SESSION_TOKEN_BYTES = 32;
    private static final int RECOVERY_CODE_BYTES = 10;

    private Secrets() {}

    public static String newSessionToken(SecureRandom random) {
        byte[] bytes = new byte[SESSION_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Ten codes like {@code k7qm-3xd2-p9fa-wq4r}: Base32 (no 0/1/8/9 to misread), grouped for typing. */
    public static List<String> newRecoveryCodes(SecureRandom random) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[RECOVERY_CODE_BYTES];
            random.nextBytes(bytes);
            String text = Base32.toBase32String(bytes).toLowerCase(Locale.ROOT);
            codes.add(String.join("-", text.substring(0, 4), text.substring(4, 8), text.substring(8, 12), text.substring(12, 16)));
        }
        return List.copyOf(codes);
    }

    /** The stored form of a recovery code: case, spaces and dashes do not matter when typed. */
    public static String recoveryCodeHash(String code) {
        return sha256(code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", ""));
    }

    /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
    public static String sha256(String text) {
        return Fingerprints.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
