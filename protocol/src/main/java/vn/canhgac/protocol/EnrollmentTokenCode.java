package vn.canhgac.protocol;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The enrolment token as handed to a person: {@code cg1.<secret>.<CA fingerprint>}. Carrying the
 * CA's SHA-256 fingerprint inside the token lets {@code canhgac-agent enroll --token T} pin the
 * server's CA with nothing else to copy by hand. Both parts are base64url without padding.
 */
public record EnrollmentTokenCode(String secret, String caFingerprintHex) {

    private static final String PREFIX = "cg1";
    private static final int MAX_LENGTH = 200;

    public EnrollmentTokenCode {
        if (!secret.matches("[A-Za-z0-9_-]{20,100}")) {
            throw new IllegalArgumentException("the token's secret part is malformed");
        }
        if (!caFingerprintHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the token's CA fingerprint must be a SHA-256 (64 hex digits)");
        }
    }

    public String format() {
        return PREFIX + "." + secret + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(caFingerprintHex));
    }

    public static EnrollmentTokenCode parse(String token) {
        String trimmed = token.strip();
        String[] parts = trimmed.split("\\.");
        if (trimmed.length() > MAX_LENGTH || parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("this is not a Canh Gác enrolment token (expected cg1.<secret>.<fingerprint>, as printed by "
                    + "`canhgacctl token create`)");
        }
        byte[] fingerprint;
        try {
            fingerprint = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the enrolment token's fingerprint part is damaged; copy the whole token again", e);
        }
        if (fingerprint.length != 32) {
            throw new IllegalArgumentException("the enrolment token's fingerprint part is damaged; copy the whole token again");
        }
        return new EnrollmentTokenCode(parts[1], HexFormat.of().formatHex(fingerprint));
    }

    @Override
    public String toString() {
        return "EnrollmentTokenCode[secret=<redacted>, caFingerprint=" + caFingerprintHex + "]";
    }
}
