package vn.canhgac.protocol.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs and verifies content with both algorithms, under a {@link SigningDomain}. */
public final class DualSigner {

    private DualSigner() {}

    public static DualSignature sign(SigningKeys keys, SigningDomain domain, byte[] content) {
        return new DualSignature(sign(Algorithms.ED25519, keys.ed25519(), domain, content),
                sign(Algorithms.ML_DSA_65, keys.mlDsa65(), domain, content));
    }

    /** Returns normally only when both signatures are present and verify. */
    public static void verify(VerifyingKeys keys, SigningDomain domain, byte[] content, DualSignature signature)
            throws SignatureRefused {
        verify(Algorithms.ED25519, keys.ed25519(), domain, content, signature.ed25519());
        verify(Algorithms.ML_DSA_65, keys.mlDsa65(), domain, content, signature.mlDsa65());
    }

    private static byte[] sign(Algorithms algorithm, PrivateKey key, SigningDomain domain, byte[] content) {
        try {
            Signature signer = algorithm.signature();
            signer.initSign(key);
            signer.update(domain.prefix());
            signer.update(content);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.jcaName + ": " + e.getMessage(), e);
        }
    }

    private static void verify(Algorithms algorithm, PublicKey key, SigningDomain domain, byte[] content, byte[] signature)
            throws SignatureRefused {
        if (signature.length == 0) {
            throw new SignatureRefused(algorithm.jcaName + " signature is missing");
        }
        boolean valid;
        try {
            Signature verifier = algorithm.signature();
            verifier.initVerify(key);
            verifier.update(domain.prefix());
            verifier.update(content);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SignatureRefused(algorithm.jcaName + " signature is malformed: " + e.getMessage());
        }
        if (!valid) {
            throw new SignatureRefused(algorithm.jcaName + " signature does not verify against the server's key");
        }
    }
}
