package vn.canhgac.agent.policy;

import java.util.Objects;
import vn.canhgac.protocol.policy.Policy;

/**
 * The policy the agent runs and where it came from.
 *
 * @param version  the signed bundle's version; 0 when the policy is a local file or the defaults
 *                 (the server then sends its bundle, and any signed version is newer)
 * @param name     the document's metadata.name
 * @param revision the policy's own revision as staff see it; 0 when not from a bundle
 * @param origin   for people: "signed bundle", "local file /etc/canhgac/policy.yaml", "built-in defaults"
 */
public record ActivePolicy(Policy policy, long version, String name, long revision, String origin) {

    public ActivePolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(origin, "origin");
        if (!policy.metadata().name().equals(name)) {
            throw new IllegalArgumentException("name " + name + " is not the document's metadata.name " + policy.metadata().name());
        }
    }

    /** A policy from a local file or the defaults: version 0, so that any signed bundle replaces it. */
    public static ActivePolicy unsigned(Policy policy, String origin) {
        return new ActivePolicy(policy, 0, policy.metadata().name(), 0, origin);
    }

    public boolean isSigned() {
        return version != 0;
    }

    /** "so-noi-vu-co-ban revision 3, bundle version 17" or "built-in-defaults (built-in defaults, no signed bundle)". */
    public String describe() {
        return isSigned()
                ? name + " revision " + revision + ", bundle version " + Long.toUnsignedString(version)
                : name + " (" + origin + ", no signed bundle)";
    }
}
