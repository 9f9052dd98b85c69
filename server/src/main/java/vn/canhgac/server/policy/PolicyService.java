package vn.canhgac.server.policy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.IssuedBundle;
import vn.canhgac.server.store.PolicyAssignment;
import vn.canhgac.server.store.PolicyRevision;
import vn.canhgac.server.store.PolicyStore;
import vn.canhgac.server.store.RunningPolicy;
import vn.canhgac.server.units.UnitService;

/**
 * Policies as security staff handle them: validate a document, publish it as a new immutable
 * revision with a signed bundle, assign policies to units and roles, and resolve the effective
 * policy of an agent. Access checks are the caller's ({@code api/}); pushing to agents is
 * {@link PolicyDistributor}'s.
 */
public final class PolicyService {
    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);
    /** What `source` policy errors name: the document came in a request, not from a file. */
    public static final String SOURCE = "policy";
    public static final int MAX_COMMENT_LENGTH = 500;

    /** No policy has this name. */
    public static final class NoSuchPolicy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchPolicy(String name) {
            super(notFound(name), null, false, false);
        }
    }

    /** What the server says of a policy that does not exist, and of one the caller may not see. */
    public static String notFound(String name) {
        return "no policy is named \"" + name + "\"; `canhgacctl policy list` shows the policies you can see";
    }

    private final PolicyStore store;
    private final UnitService units;
    private final SigningKeys keys;
    private final Clock clock;

    public PolicyService(PolicyStore store, UnitService units, SigningKeys keys, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.units = Objects.requireNonNull(units, "units");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws vn.canhgac.protocol.policy.PolicyException with the line, field and reason */
    public Policy validate(byte[] document) {
        return PolicyParser.parse(SOURCE, document);
    }

    /**
     * Stores the document as the next revision of the policy it names, with its first bundle.
     *
     * @throws vn.canhgac.protocol.policy.PolicyException if the document does not validate
     * @throws IllegalArgumentException                    if the comment is empty or too long
     */
    public PolicyStore.Published publish(String author, byte[] document, String comment) {
        Objects.requireNonNull(author, "author");
        String checkedComment = checkComment(comment);
        Policy policy = validate(document);
        String name = policy.metadata().name();
        PolicyStore.Published published = store.publish(name, document.clone(), Fingerprints.sha256Hex(document), author, checkedComment, now(),
                this::sign);
        log.info("event=policy.published policy={} revision={} version={} author={}", name, published.revision().revision(),
                published.bundle().version(), author);
        return published;
    }

    /** The latest revision of each policy, by name. */
    public List<PolicyRevision> policies() {
        return store.latestRevisions();
    }

    /** @throws NoSuchPolicy if there is none of this name */
    public List<PolicyRevision> revisions(String name) {
        List<PolicyRevision> revisions = store.revisions(name);
        if (revisions.isEmpty()) {
            throw new NoSuchPolicy(name);
        }
        return revisions;
    }

    public Optional<byte[]> document(String name, long revision) {
        return store.document(name, revision);
    }

    public List<PolicyAssignment> assignments() {
        return store.assignments();
    }

    /**
     * Assigns the policy to an existing unit for one role or every role, replacing what that unit
     * and role had; returns the replaced assignment.
     *
     * @throws IllegalArgumentException if the role is not a machine role
     * @throws NoSuchPolicy             if the policy does not exist
     */
    public Optional<PolicyAssignment> assign(String actor, String unit, Optional<String> role, String policy) {
        checkRole(role);
        revisions(policy);
        Optional<PolicyAssignment> previous = store.assign(new PolicyAssignment(units.requireExisting(unit), role, policy, actor, now()));
        log.info("event=policy.assigned policy={} unit=\"{}\" role={} by={}", policy, unit, role.orElse("*"), actor);
        return previous;
    }

    /** @throws IllegalArgumentException if the role is not a machine role */
    public Optional<PolicyAssignment> unassign(String unit, Optional<String> role) {
        checkRole(role);
        Optional<PolicyAssignment> removed = store.unassign(units.requireExisting(unit), role);
        log.info("event=policy.unassigned unit=\"{}\" role={} removed={}", unit, role.orElse("*"), removed.isPresent());
        return removed;
    }

    /**
     * An agent with its effective policy, the newest bundle version of that policy's revision, and
     * what it reported running. It lags when it has an effective policy and does not run a bundle
     * of that revision (any bundle of it: a re-signed copy carries the same document).
     */
    public record AgentPolicy(AgentRecord agent, Optional<EffectivePolicy> effective, long effectiveVersion, RunningPolicy running) {
        public boolean lagging() {
            return effective.isPresent() && !running.runs(effective.get().revision().name(), effective.get().revision().revision());
        }
    }

    /** The policy state of each of these agents, resolved through one snapshot. */
    public List<AgentPolicy> agentPolicies(List<AgentRecord> agents) {
        PolicySnapshot snapshot = snapshot();
        Map<String, RunningPolicy> running = store.running();
        return agents.stream().map(agent -> {
            Optional<EffectivePolicy> effective = snapshot.effective(agent.unit(), agent.role());
            return new AgentPolicy(agent, effective, effective.map(snapshot::newestVersion).orElse(0L),
                    running.getOrDefault(agent.id(), RunningPolicy.NONE));
        }).toList();
    }

    /** Assignments and latest revisions as they are now, for resolving effective policies. */
    public PolicySnapshot snapshot() {
        return new PolicySnapshot(this, units.tree(), store.assignments(), store.latestRevisions());
    }

    List<Long> bundleVersions(String name, long revision) {
        return store.bundleVersions(name, revision);
    }

    SignedPolicy bundleAbove(PolicyRevision revision, long aboveVersion) {
        IssuedBundle bundle = store.bundleAbove(revision.name(), revision.revision(), aboveVersion, now(), this::sign);
        byte[] document = store.document(revision.name(), revision.revision()).orElseThrow();
        return new SignedPolicy(bundle, document);
    }

    public static void checkRole(Optional<String> role) {
        if (role.isPresent() && !Roles.ALL.contains(role.get())) {
            throw new IllegalArgumentException("role must be one of " + String.join(", ", Roles.ALL) + " (got \"" + role.get()
                    + "\"); leave it out to assign to every role of the unit");
        }
    }

    private static String checkComment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment is required: say what this revision changes and why");
        }
        String stripped = comment.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("comment must be at most " + MAX_COMMENT_LENGTH + " characters (got "
                    + stripped.codePointCount(0, stripped.length()) + ")");
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new IllegalArgumentException("comment must not contain control characters other than line breaks");
        }
        return stripped;
    }

    /** Signs through {@link PolicyBundles}, so that the server signs exactly the bytes the agent verifies. */
    private DualSignature sign(long version, String policy, long revision, Instant issuedAt, byte[] document) {
        PolicyBundle signed = PolicyBundles.sign(keys, version, policy, revision, issuedAt.toEpochMilli(), document);
        return new DualSignature(signed.getEd25519Signature().toByteArray(), signed.getMlDsa65Signature().toByteArray());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The document as text, for answers: it was validated as UTF-8 when it was published. */
    public static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }
}
