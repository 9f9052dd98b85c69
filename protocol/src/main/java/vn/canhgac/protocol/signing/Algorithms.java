package vn.canhgac.protocol.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import vn.canhgac.protocol.tls.Providers;

/** The two signature algorithms by their JCA names, always from Bouncy Castle. */
enum Algorithms {
    ED25519("Ed25519"),
    ML_DSA_65("ML-DSA-65");

    final String jcaName;

    Algorithms(String jcaName) {
        this.jcaName = jcaName;
    }

    Signature signature() throws GeneralSecurityException {
        return Signature.getInstance(jcaName, Providers.bc());
    }

    /** Decodes an X.509 SubjectPublicKeyInfo and insists it is a key of this algorithm. */
    PublicKey publicKey(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new IllegalArgumentException(jcaName + " public key is missing");
        }
        try {
            PublicKey key = KeyFactory.getInstance(jcaName, Providers.bc()).generatePublic(new X509EncodedKeySpec(encoded));
            requireAlgorithm(key);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an " + jcaName + " public key: " + e.getMessage(), e);
        }
    }

    void requireAlgorithm(java.security.Key key) {
        String algorithm = key.getAlgorithm();
        if (!algorithm.equalsIgnoreCase(jcaName) && !(this == ED25519 && algorithm.equalsIgnoreCase("EdDSA"))) {
            throw new IllegalArgumentException("expected an " + jcaName + " key, found " + algorithm);
        }
    }
}
