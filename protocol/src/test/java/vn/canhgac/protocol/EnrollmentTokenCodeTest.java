package vn.canhgac.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnrollmentTokenCodeTest {

    private static final String FINGERPRINT = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void formattedTokenParsesBackToTheSameSecretAndFingerprint() {
        EnrollmentTokenCode code = new EnrollmentTokenCode("s3cr3t-s3cr3t_s3cr3t-s3cr3t", FINGERPRINT);
        String token = code.format();
        assertTrue(token.startsWith("cg1."));
        assertEquals(code, EnrollmentTokenCode.parse("  " + token + "\n"));
    }

    @Test
    void tokenWithADamagedFingerprintIsRefusedWithAHint() {
        String token = new EnrollmentTokenCode("s3cr3t-s3cr3t_s3cr3t-s3cr3t", FINGERPRINT).format();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EnrollmentTokenCode.parse(token.substring(0, token.length() - 5)));
        assertTrue(error.getMessage().contains("copy the whole token"), error.getMessage());
    }

    @Test
    void somethingElseIsNotMistakenForAToken() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> EnrollmentTokenCode.parse("hunter2"));
        assertTrue(error.getMessage().contains("canhgacctl token create"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(new EnrollmentTokenCode("s3cr3t-s3cr3t_s3cr3t-s3cr3t", FINGERPRINT).toString().contains("s3cr3t"));
    }
}
