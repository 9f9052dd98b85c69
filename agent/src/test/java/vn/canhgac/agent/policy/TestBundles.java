package vn.canhgac.agent.policy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

/** Policy bundles signed as the server signs them, for tests here and in other packages. */
public final class TestBundles {

    /** One server's keys, made once: ML-DSA key generation is the slow part of these tests. */
    public static final SigningKeys SERVER = SigningKeys.generate(new SecureRandom());
    /** Another server's keys: bundles signed with them must never be accepted by an agent of {@link #SERVER}. */
    public static final SigningKeys OTHER_SERVER = SigningKeys.generate(new SecureRandom());

    private TestBundles() {}

    /** A policy document named {@code name} with the given sections (YAML) after its header. */
    public static byte[] document(String name, String sections) {
        return ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: " + name + "\n" + sections).getBytes(StandardCharsets.UTF_8);
    }

    /** A bundle of a read-only USB policy named {@code name}, signed by {@link #SERVER}. */
    public static PolicyBundle signed(long version, String name, long revision) {
        return signed(SERVER, version, name, revision, document(name, "usb:\n  storage: read-only\n"));
    }

    public static PolicyBundle signed(SigningKeys keys, long version, String name, long revision, byte[] document) {
        return PolicyBundles.sign(keys, version, name, revision, 1_790_000_000_000L, document);
    }

    /** The same bundle with one byte of a signature changed. */
    public static PolicyBundle flipEd25519(PolicyBundle bundle) {
        return bundle.toBuilder().setEd25519Signature(flipped(bundle.getEd25519Signature())).build();
    }

    public static PolicyBundle flipMlDsa65(PolicyBundle bundle) {
        return bundle.toBuilder().setMlDsa65Signature(flipped(bundle.getMlDsa65Signature())).build();
    }

    private static ByteString flipped(ByteString signature) {
        byte[] bytes = signature.toByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        return ByteString.copyFrom(bytes);
    }
}
