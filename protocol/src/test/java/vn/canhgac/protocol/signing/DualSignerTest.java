package vn.canhgac.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualSignerTest {

    private static final SigningKeys KEYS = SigningKeys.generate(new SecureRandom());
    private static final byte[] CONTENT = "Báo cáo vi phạm".getBytes(StandardCharsets.UTF_8);

    @Test
    void bothSignaturesVerifyOverTheSignedContent() {
        DualSignature signature = DualSigner.sign(KEYS, SigningDomain.REPORT_MANIFEST, CONTENT);
        assertDoesNotThrow(() -> DualSigner.verify(KEYS.verifying(), SigningDomain.REPORT_MANIFEST, CONTENT, signature));
    }

    @Test
    void oneChangedByteOfContentFails() {
        DualSignature signature = DualSigner.sign(KEYS, SigningDomain.REPORT_MANIFEST, CONTENT);
        byte[] changed = CONTENT.clone();
        changed[0] ^= 1;
        var refused = assertThrows(SignatureRefused.class,
                () -> DualSigner.verify(KEYS.verifying(), SigningDomain.REPORT_MANIFEST, changed, signature));
        assertTrue(refused.getMessage().contains("Ed25519"), refused.getMessage());
    }

    @Test
    void aGoodEd25519SignatureDoesNotCoverABadMlDsaSignature() {
        DualSignature good = DualSigner.sign(KEYS, SigningDomain.REPORT_MANIFEST, CONTENT);
        byte[] badMlDsa = good.mlDsa65();
        badMlDsa[10] ^= 1;
        var refused = assertThrows(SignatureRefused.class, () -> DualSigner.verify(KEYS.verifying(),
                SigningDomain.REPORT_MANIFEST, CONTENT, new DualSignature(good.ed25519(), badMlDsa)));
        assertTrue(refused.getMessage().contains("ML-DSA-65"), refused.getMessage());
    }

    @Test
    void aMissingSignatureIsNamed() {
        DualSignature good = DualSigner.sign(KEYS, SigningDomain.REPORT_MANIFEST, CONTENT);
        var refused = assertThrows(SignatureRefused.class, () -> DualSigner.verify(KEYS.verifying(),
                SigningDomain.REPORT_MANIFEST, CONTENT, new DualSignature(good.ed25519(), null)));
        assertEquals("ML-DSA-65 signature is missing", refused.getMessage());
    }

    @Test
    void aSignatureMadeForOneDomainIsRefusedInAnother() {
        DualSignature manifest = DualSigner.sign(KEYS, SigningDomain.REPORT_MANIFEST, CONTENT);
        assertThrows(SignatureRefused.class,
                () -> DualSigner.verify(KEYS.verifying(), SigningDomain.POLICY_BUNDLE, CONTENT, manifest));
    }

    @Test
    void anotherServersKeysDoNotVerify() {
        DualSignature signature = DualSigner.sign(SigningKeys.generate(new SecureRandom()), SigningDomain.POLICY_BUNDLE, CONTENT);
        assertThrows(SignatureRefused.class,
                () -> DualSigner.verify(KEYS.verifying(), SigningDomain.POLICY_BUNDLE, CONTENT, signature));
    }

    @Test
    void keysWrittenToDiskAreOwnerOnlyAndReadBack(@TempDir Path directory) throws Exception {
        Path keys = directory.resolve("policy-signing");
        KEYS.writeTo(keys);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("ed25519.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("ml-dsa-65.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));

        SigningKeys read = SigningKeys.readFrom(keys);
        DualSignature signature = DualSigner.sign(read, SigningDomain.SOC_EXPORT, CONTENT);
        assertDoesNotThrow(() -> DualSigner.verify(KEYS.verifying(), SigningDomain.SOC_EXPORT, CONTENT, signature));
        assertEquals(KEYS.verifying().fingerprint(), VerifyingKeys.readFrom(keys).fingerprint());
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefused(@TempDir Path directory) throws Exception {
        KEYS.writeTo(directory);
        Files.setPosixFilePermissions(directory.resolve("ml-dsa-65.key"), PosixFilePermissions.fromString("rw-r--r--"));
        var refused = assertThrows(IllegalArgumentException.class, () -> SigningKeys.readFrom(directory));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
    }

    @Test
    void publicKeysTravelAsTheirX509Encoding() {
        VerifyingKeys decoded = VerifyingKeys.fromEncoded(KEYS.verifying().ed25519().getEncoded(),
                KEYS.verifying().mlDsa65().getEncoded());
        assertArrayEquals(KEYS.verifying().mlDsa65().getEncoded(), decoded.mlDsa65().getEncoded());
        var swapped = assertThrows(IllegalArgumentException.class, () -> VerifyingKeys.fromEncoded(
                KEYS.verifying().mlDsa65().getEncoded(), KEYS.verifying().ed25519().getEncoded()));
        assertTrue(swapped.getMessage().contains("Ed25519"), swapped.getMessage());
    }
}
