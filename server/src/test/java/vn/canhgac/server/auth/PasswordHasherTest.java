package vn.canhgac.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(1024, 1, 1);
    private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("mật khẩu rất dài 2026");

        assertTrue(hasher.verify("mật khẩu rất dài 2026", hash));
        assertFalse(hasher.verify("mật khẩu rất dài 2027", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void hashesAreArgon2idPhcStringsWithTheirCostAndARandomSalt() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");

        assertTrue(first.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), first);
        assertNotEquals(first, second);
    }

    @Test
    void theStandardCostIsOwaspsFirstArgon2idSetting() {
        String hash = new PasswordHasher(PasswordHasher.STANDARD, new SecureRandom()).hash("correct horse battery staple");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    }

    @Test
    void aHashMadeWithAnotherCostStillVerifies() {
        String stronger = new PasswordHasher(new PasswordHasher.Cost(2048, 2, 1), new SecureRandom()).hash("correct horse battery staple");

        assertTrue(hasher.verify("correct horse battery staple", stronger));
    }

    @Test
    void malformedOrTamperedHashesVerifyNothing() {
        String hash = hasher.hash("correct horse battery staple");
        String flipped = hash.substring(0, hash.length() - 2) + (hash.endsWith("A") ? "BA" : "AA");
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", flipped}) {
            assertFalse(hasher.verify("correct horse battery staple", bad), String.valueOf(bad));
        }
    }

    @Test
    void passwordsMustBe12To256Characters() {
        PasswordHasher.requireAcceptable("x".repeat(12));
        PasswordHasher.requireAcceptable("ư".repeat(256));
        for (String bad : new String[] {null, "", "short-pass1", "x".repeat(257)}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireAcceptable(bad));
            assertTrue(error.getMessage().startsWith("a password must be 12 to 256 characters long"), error.getMessage());
        }
    }

    @Test
    void anImpossibleCostIsRefusedNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Cost(1024, 0, 1));

        assertEquals("Argon2id cost must be 8·p..1048576 KiB, 1..16 passes and 1..8 lanes (got m=1024, t=0, p=1)", error.getMessage());
    }
}
