package vn.canhgac.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** The SHA-1 seed of RFC 6238, Appendix B. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}s gives {1}")
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void rfc6238TestVectorsForSha1(long seconds, String expected) {
        assertEquals(expected, Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(seconds)), 8));
    }

    @Test
    void sixDigitCodesAreTheLastSixDigitsOfTheRfcVectors() {
        assertEquals("287082", Totp.code(RFC_SEED, Instant.ofEpochSecond(59)));
        assertEquals("081804", Totp.code(RFC_SEED, Instant.ofEpochSecond(1111111109)));
    }

    @Test
    void aCodeMatchesItsOwnStepAndOneStepEitherSide() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);

        assertEquals(OptionalLong.of(step), Totp.match(RFC_SEED, Totp.code(RFC_SEED, now), now));
        assertEquals(OptionalLong.of(step - 1), Totp.match(RFC_SEED, Totp.code(RFC_SEED, now.minusSeconds(30)), now));
        assertEquals(OptionalLong.of(step + 1), Totp.match(RFC_SEED, Totp.code(RFC_SEED, now.plusSeconds(30)), now));
        assertEquals(OptionalLong.empty(), Totp.match(RFC_SEED, Totp.code(RFC_SEED, now.minusSeconds(60)), now));
        assertEquals(OptionalLong.empty(), Totp.match(RFC_SEED, Totp.code(RFC_SEED, now.plusSeconds(60)), now));
    }

    @Test
    void codesAsAppsShowThemWithASpaceAreAccepted() {
        Instant now = Instant.ofEpochSecond(59);

        assertTrue(Totp.match(RFC_SEED, "287 082", now).isPresent());
    }

    @Test
    void anythingButSixDigitsMatchesNothing() {
        Instant now = Instant.ofEpochSecond(59);
        for (String bad : new String[] {"", "28708", "2870820", "28708a", "94287082", "-87082", "２８７０８２"}) {
            assertEquals(OptionalLong.empty(), Totp.match(RFC_SEED, bad, now), bad);
        }
        assertEquals(OptionalLong.empty(), Totp.match(RFC_SEED, null, now));
    }

    @Test
    void base32RoundTripsASecret() {
        byte[] secret = Totp.newSecret(new SecureRandom());

        String text = Totp.base32(secret);

        assertEquals(32, text.length());
        assertTrue(text.matches("[A-Z2-7]+"), text);
        assertArrayEquals(secret, Totp.fromBase32(text.toLowerCase(java.util.Locale.ROOT)));
        assertArrayEquals(RFC_SEED, Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }

    @Test
    void aSecretThatIsNotBase32IsRefusedWithoutEchoingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Totp.fromBase32("not base32 at all 0189"));

        assertTrue(error.getMessage().startsWith("a TOTP secret must be"), error.getMessage());
        assertTrue(!error.getMessage().contains("0189"), error.getMessage());
    }

    @Test
    void theEnrolmentUriCarriesIssuerAccountAndParameters() {
        assertEquals("otpauth://totp/Canh%20Gac:lan.nguyen?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Canh%20Gac"
                + "&algorithm=SHA1&digits=6&period=30", Totp.uri("Canh Gac", "lan.nguyen", RFC_SEED));
    }
}
