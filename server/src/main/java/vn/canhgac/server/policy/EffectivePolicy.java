package vn.canhgac.server.policy;

import java.util.Objects;
import vn.canhgac.server.store.PolicyAssignment;
import vn.canhgac.server.store.PolicyRevision;

/**
 * The policy an agent should run: the latest revision of the policy of the assignment that won
 * ({@code from}: its unit, and its role or every role).
 */
public record EffectivePolicy(PolicyAssignment from, PolicyRevision revision) {
    public EffectivePolicy {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(revision, "revision");
    }
}
