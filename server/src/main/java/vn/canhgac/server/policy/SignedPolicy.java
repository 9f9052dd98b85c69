package vn.canhgac.server.policy;

import java.util.Objects;
import vn.canhgac.server.store.IssuedBundle;

/** A signed bundle with the document it signs: what goes to an agent. The channel turns it into the wire message. */
public record SignedPolicy(IssuedBundle bundle, byte[] document) {
    public SignedPolicy {
        Objects.requireNonNull(bundle, "bundle");
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    public long version() {
        return bundle.version();
    }
}
