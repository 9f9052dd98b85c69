package vn.canhgac.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.EnrollResponse;

class EnrollerPolicyKeysTest {

    private static final VerifyingKeys SERVER = SigningKeys.generate(new SecureRandom()).verifying();

    private static EnrollResponse.Builder response() {
        return EnrollResponse.newBuilder()
                .setPolicyEd25519PublicKey(ByteString.copyFrom(SERVER.ed25519().getEncoded()))
                .setPolicyMlDsa65PublicKey(ByteString.copyFrom(SERVER.mlDsa65().getEncoded()));
    }

    @Test
    void keysInTheResponseAreTheServersKeys() {
        assertEquals(SERVER.fingerprint(), Enroller.policyKeys(response().build()).fingerprint());
    }

    @Test
    void responseWithoutPolicyKeysFailsEnrolmentSayingWhatToDo() {
        EnrollmentException error = assertThrows(EnrollmentException.class,
                () -> Enroller.policyKeys(response().clearPolicyEd25519PublicKey().clearPolicyMlDsa65PublicKey().build()));
        assertTrue(error.getMessage().startsWith("the server sent no valid policy signing keys (Ed25519 public key is missing)"),
                error.getMessage());
        assertTrue(error.getMessage().contains("upgrade the server"), error.getMessage());
    }

    @Test
    void responseWithKeysInTheWrongPlacesFailsEnrolment() {
        EnrollResponse swapped = response()
                .setPolicyEd25519PublicKey(ByteString.copyFrom(SERVER.mlDsa65().getEncoded()))
                .setPolicyMlDsa65PublicKey(ByteString.copyFrom(SERVER.ed25519().getEncoded())).build();
        assertThrows(EnrollmentException.class, () -> Enroller.policyKeys(swapped));
    }

    @Test
    void responseWithAGarbledKeyFailsEnrolment() {
        EnrollmentException error = assertThrows(EnrollmentException.class,
                () -> Enroller.policyKeys(response().setPolicyMlDsa65PublicKey(ByteString.copyFromUtf8("garbage")).build()));
        assertTrue(error.getMessage().contains("ML-DSA-65"), error.getMessage());
    }
}
