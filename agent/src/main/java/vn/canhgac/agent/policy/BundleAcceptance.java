package vn.canhgac.agent.policy;

import java.util.Optional;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.policy.PolicyException;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

/**
 * Decides whether a policy bundle may replace the running policy (issue 6): both signatures
 * verify against the keys received at enrolment, the version is newer than the running one, and
 * the document parses and is the policy the bundle names. Pure: no I/O, no clock.
 *
 * <p>The signatures are checked before the version so that "already running" is only ever said
 * of a bundle the server really signed: a benign resend, not a refusal worth an event.
 */
public final class BundleAcceptance {

    /** The verdict on one bundle. */
    public sealed interface Outcome {}

    /** The bundle may run; {@code active} is the policy it carries. */
    public record Accepted(ActivePolicy active) implements Outcome {}

    /**
     * The bundle must not run.
     *
     * @param alreadyRunning the bundle is, signatures and all, the version the agent runs (a resend, not an attack)
     */
    public record Refused(String reason, boolean alreadyRunning) implements Outcome {}

    static final String NO_KEYS = "this agent stored no policy keys at enrolment (it was enrolled by an older version); "
            + "enrol it again to receive signed policies";

    private BundleAcceptance() {}

    public static Outcome judge(Optional<VerifyingKeys> keys, long runningVersion, PolicyBundle bundle) {
        if (keys.isEmpty()) {
            return refused(NO_KEYS);
        }
        if (bundle.getDocument().size() > PolicyParser.MAX_POLICY_BYTES) {
            return refused("document is " + bundle.getDocument().size() + " bytes, more than the " + PolicyParser.MAX_POLICY_BYTES
                    + " a policy may have");
        }
        try {
            PolicyBundles.verify(keys.get(), bundle);
        } catch (SignatureRefused e) {
            return refused(e.getMessage());
        }
        if (bundle.getVersion() == 0) {
            return refused("version 0 is not a bundle version (it means \"no signed policy\"); the server must number bundles from 1");
        }
        int order = Long.compareUnsigned(bundle.getVersion(), runningVersion);
        if (order == 0) {
            return new Refused("already running version " + Long.toUnsignedString(runningVersion), true);
        }
        if (order < 0) {
            return refused("version " + Long.toUnsignedString(bundle.getVersion()) + " is not newer than the running version "
                    + Long.toUnsignedString(runningVersion));
        }
        Policy policy;
        try {
            policy = PolicyParser.parse("document", bundle.getDocument().toByteArray());
        } catch (PolicyException e) {
            return refused(e.getMessage());
        }
        if (!policy.metadata().name().equals(bundle.getPolicyName())) {
            return refused("the bundle is for policy \"" + bundle.getPolicyName() + "\" but its document is \""
                    + policy.metadata().name() + "\"");
        }
        return new Accepted(new ActivePolicy(policy, bundle.getVersion(), bundle.getPolicyName(), bundle.getRevision(), "signed bundle"));
    }

    private static Refused refused(String reason) {
        return new Refused(reason, false);
    }
}
