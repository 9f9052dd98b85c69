package vn.canhgac.protocol.policy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.google.protobuf.ByteString;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.protocol.signing.DualSigner;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.SigningDomain;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

/**
 * Signs policy bundles on the server and verifies them on the agent. The signed content is a
 * fixed binary layout of every field but the signatures, not the protobuf encoding, so that
 * both sides agree on the bytes whatever protobuf library writes them.
 */
public final class PolicyBundles {

    private PolicyBundles() {}

    public static PolicyBundle sign(SigningKeys keys, long version, String policyName, long revision,
                                    long issuedAtEpochMs, byte[] document) {
        PolicyBundle unsigned = PolicyBundle.newBuilder()
                .setVersion(version)
                .setPolicyName(policyName)
                .setRevision(revision)
                .setIssuedAtEpochMs(issuedAtEpochMs)
                .setDocument(ByteString.copyFrom(document))
                .build();
        DualSignature signature = DualSigner.sign(keys, SigningDomain.POLICY_BUNDLE, signedContent(unsigned));
        return unsigned.toBuilder()
                .setEd25519Signature(ByteString.copyFrom(signature.ed25519()))
                .setMlDsa65Signature(ByteString.copyFrom(signature.mlDsa65()))
                .build();
    }

    /** Returns normally only when both signatures are present and made by these keys over this bundle. */
    public static void verify(VerifyingKeys keys, PolicyBundle bundle) throws SignatureRefused {
        DualSigner.verify(keys, SigningDomain.POLICY_BUNDLE, signedContent(bundle),
                new DualSignature(bundle.getEd25519Signature().toByteArray(), bundle.getMlDsa65Signature().toByteArray()));
    }

    static byte[] signedContent(PolicyBundle bundle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bundle.getDocument().size() + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(bundle.getVersion());
            out.writeLong(bundle.getRevision());
            out.writeLong(bundle.getIssuedAtEpochMs());
            byte[] name = bundle.getPolicyName().getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            out.writeInt(bundle.getDocument().size());
            bundle.getDocument().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
