package vn.canhgac.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.agent.policy.TestBundles.SERVER;
import static vn.canhgac.agent.policy.TestBundles.signed;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.UsbPolicy;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

class BundleAcceptanceTest {

    private static final Optional<VerifyingKeys> KEYS = Optional.of(SERVER.verifying());

    private static BundleAcceptance.Refused refused(long running, PolicyBundle bundle) {
        return assertInstanceOf(BundleAcceptance.Refused.class, BundleAcceptance.judge(KEYS, running, bundle));
    }

    @Test
    void newerBundleSignedByTheServerIsAcceptedWithItsPolicy() {
        var outcome = BundleAcceptance.judge(KEYS, 7, signed(8, "so-noi-vu-co-ban", 3));

        ActivePolicy active = assertInstanceOf(BundleAcceptance.Accepted.class, outcome).active();
        assertEquals(8, active.version());
        assertEquals("so-noi-vu-co-ban", active.name());
        assertEquals(3, active.revision());
        assertEquals(UsbPolicy.StorageAction.READ_ONLY, active.policy().usb().storage());
        assertTrue(active.isSigned());
    }

    @Test
    void firstBundleIsAcceptedOverTheLocalPolicy() {
        assertInstanceOf(BundleAcceptance.Accepted.class, BundleAcceptance.judge(KEYS, 0, signed(1, "p", 1)));
    }

    @Test
    void badEd25519SignatureIsRefused() {
        var refusal = refused(0, TestBundles.flipEd25519(signed(1, "p", 1)));
        assertEquals("Ed25519 signature does not verify against the server's key", refusal.reason());
        assertFalse(refusal.alreadyRunning());
    }

    @Test
    void badMlDsaSignatureIsRefusedEvenWhenEd25519Verifies() {
        assertEquals("ML-DSA-65 signature does not verify against the server's key",
                refused(0, TestBundles.flipMlDsa65(signed(1, "p", 1))).reason());
    }

    @Test
    void missingEd25519SignatureIsRefused() {
        assertEquals("Ed25519 signature is missing", refused(0, signed(1, "p", 1).toBuilder().clearEd25519Signature().build()).reason());
    }

    @Test
    void missingMlDsaSignatureIsRefused() {
        assertEquals("ML-DSA-65 signature is missing", refused(0, signed(1, "p", 1).toBuilder().clearMlDsa65Signature().build()).reason());
    }

    @Test
    void documentChangedAfterSigningIsRefused() {
        PolicyBundle tampered = signed(1, "p", 1).toBuilder()
                .setDocument(ByteString.copyFrom(TestBundles.document("p", "usb:\n  storage: allow\n"))).build();
        assertEquals("Ed25519 signature does not verify against the server's key", refused(0, tampered).reason());
    }

    @Test
    void versionRaisedAfterSigningIsRefused() {
        assertTrue(refused(7, signed(1, "p", 1).toBuilder().setVersion(9).build()).reason().contains("does not verify"));
    }

    @Test
    void bundleFromAnotherServersKeysIsRefused() {
        PolicyBundle foreign = signed(TestBundles.OTHER_SERVER, 9, "p", 1, TestBundles.document("p", ""));
        assertEquals("Ed25519 signature does not verify against the server's key", refused(0, foreign).reason());
    }

    @Test
    void olderVersionIsRefusedNamingBothVersions() {
        var refusal = refused(7, signed(4, "p", 1));
        assertEquals("version 4 is not newer than the running version 7", refusal.reason());
        assertFalse(refusal.alreadyRunning(), "an older bundle is worth an event: a replay or a server rolled back");
    }

    @Test
    void equalVersionIsAResendNotARefusalWorthAnEvent() {
        var refusal = refused(7, signed(7, "p", 1));
        assertEquals("already running version 7", refusal.reason());
        assertTrue(refusal.alreadyRunning());
    }

    @Test
    void equalVersionWithABadSignatureIsARealRefusal() {
        var refusal = refused(7, TestBundles.flipMlDsa65(signed(7, "p", 1)));
        assertFalse(refusal.alreadyRunning());
        assertTrue(refusal.reason().startsWith("ML-DSA-65"), refusal.reason());
    }

    @Test
    void versionZeroIsRefused() {
        assertTrue(refused(0, signed(0, "p", 1)).reason().startsWith("version 0 is not a bundle version"));
    }

    @Test
    void unparsableDocumentIsRefusedWithLineAndField() {
        PolicyBundle bundle = signed(SERVER, 2, "p", 1, TestBundles.document("p", "usb:\n  storage: blok\n"));
        String reason = refused(1, bundle).reason();
        assertTrue(reason.startsWith("document line 6: usb.storage"), reason);
        assertTrue(reason.contains("blok"), reason);
    }

    @Test
    void documentThatIsNotYamlIsRefused() {
        PolicyBundle bundle = signed(SERVER, 2, "p", 1, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals("document: is not UTF-8 text", refused(1, bundle).reason());
    }

    @Test
    void documentNamingAnotherPolicyIsRefused() {
        PolicyBundle bundle = signed(SERVER, 2, "so-noi-vu", 1, TestBundles.document("so-tai-chinh", ""));
        assertEquals("the bundle is for policy \"so-noi-vu\" but its document is \"so-tai-chinh\"", refused(1, bundle).reason());
    }

    @Test
    void documentOverTheSizeLimitIsRefusedBeforeAnythingElse() {
        byte[] large = new byte[PolicyParser.MAX_POLICY_BYTES + 1];
        String reason = refused(0, signed(SERVER, 2, "p", 1, large)).reason();
        assertTrue(reason.contains("more than the " + PolicyParser.MAX_POLICY_BYTES), reason);
    }

    @Test
    void agentWithoutPolicyKeysRefusesEveryBundleAndSaysToEnrolAgain() {
        var outcome = BundleAcceptance.judge(Optional.empty(), 0, signed(1, "p", 1));
        String reason = assertInstanceOf(BundleAcceptance.Refused.class, outcome).reason();
        assertTrue(reason.contains("enrol it again"), reason);
    }
}
