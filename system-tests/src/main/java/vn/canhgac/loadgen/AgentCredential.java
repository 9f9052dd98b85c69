package vn.canhgac.loadgen;

import java.util.Objects;
import vn.canhgac.protocol.tls.KeyMaterial;

/** A provisioned simulated agent: its id (the CN of its certificate) and its key with the chain up to the CA. */
record AgentCredential(String agentId, KeyMaterial keyMaterial) {

    AgentCredential {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(keyMaterial, "keyMaterial");
    }
}
