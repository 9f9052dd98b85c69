package vn.canhgac.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

class PolicyBundlesTest {

    private static final SigningKeys KEYS = SigningKeys.generate(new SecureRandom());
    private static final byte[] DOCUMENT = """
            apiVersion: canhgac/v1
            kind: Policy
            metadata: {name: so-noi-vu}
            usb: {storage: block}
            """.getBytes(StandardCharsets.UTF_8);

    private final PolicyBundle bundle = PolicyBundles.sign(KEYS, 7, "so-noi-vu", 2, 1_700_000_000_000L, DOCUMENT);

    @Test
    void aSignedBundleVerifies() {
        assertDoesNotThrow(() -> PolicyBundles.verify(KEYS.verifying(), bundle));
    }

    @Test
    void everySignedFieldIsCovered() {
        for (PolicyBundle changed : new PolicyBundle[] {
                bundle.toBuilder().setVersion(8).build(),
                bundle.toBuilder().setRevision(3).build(),
                bundle.toBuilder().setIssuedAtEpochMs(1).build(),
                bundle.toBuilder().setPolicyName("so-noi-vu-2").build(),
                bundle.toBuilder().setDocument(ByteString.copyFrom(DOCUMENT, 0, DOCUMENT.length - 1)).build()}) {
            assertThrows(SignatureRefused.class, () -> PolicyBundles.verify(KEYS.verifying(), changed), changed::toString);
        }
    }

    @Test
    void aBundleWithoutItsPostQuantumSignatureIsRefused() {
        assertThrows(SignatureRefused.class,
                () -> PolicyBundles.verify(KEYS.verifying(), bundle.toBuilder().clearMlDsa65Signature().build()));
    }
}
