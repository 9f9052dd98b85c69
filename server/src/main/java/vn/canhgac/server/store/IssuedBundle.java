package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/** A signed bundle of one policy revision; {@code version} is the server-wide serial agents compare. */
public record IssuedBundle(long version, String policy, long revision, Instant issuedAt, byte[] ed25519Signature,
                           byte[] mlDsa65Signature) {
    public IssuedBundle {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        ed25519Signature = ed25519Signature.clone();
        mlDsa65Signature = mlDsa65Signature.clone();
    }

    @Override
    public byte[] ed25519Signature() {
        return ed25519Signature.clone();
    }

    @Override
    public byte[] mlDsa65Signature() {
        return mlDsa65Signature.clone();
    }
}
