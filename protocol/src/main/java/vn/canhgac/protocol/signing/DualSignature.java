package vn.canhgac.protocol.signing;

/**
 * One content signed twice: Ed25519 (classical, small, fast) and ML-DSA-65 (FIPS 204,
 * post-quantum). Both must verify; either alone is refused, so breaking one algorithm is not
 * enough to forge.
 */
public record DualSignature(byte[] ed25519, byte[] mlDsa65) {

    public DualSignature {
        ed25519 = ed25519 == null ? new byte[0] : ed25519.clone();
        mlDsa65 = mlDsa65 == null ? new byte[0] : mlDsa65.clone();
    }

    @Override
    public byte[] ed25519() {
        return ed25519.clone();
    }

    @Override
    public byte[] mlDsa65() {
        return mlDsa65.clone();
    }
}
