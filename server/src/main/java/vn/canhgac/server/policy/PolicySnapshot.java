package vn.canhgac.server.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.server.store.PolicyAssignment;
import vn.canhgac.server.store.PolicyRevision;
import vn.canhgac.server.units.UnitTree;

/**
 * Assignments, latest revisions and the unit tree read once, so that resolving the effective policy
 * of many agents (a publish to the whole fleet) costs a lookup per agent, not a query. Bundles are
 * fetched once per revision and shared by every agent resolved through this snapshot; a snapshot
 * is used by one thread.
 */
public final class PolicySnapshot {
    private final UnitTree tree;
    private final Map<String, PolicyAssignment> assignments = new HashMap<>();
    private final Map<String, PolicyRevision> latest = new HashMap<>();
    private final Map<String, List<Long>> bundleVersions = new HashMap<>();
    private final Map<String, SignedPolicy> newest = new HashMap<>();
    private final PolicyService service;

    PolicySnapshot(PolicyService service, UnitTree tree, List<PolicyAssignment> assignments, List<PolicyRevision> latestRevisions) {
        this.service = service;
        this.tree = tree;
        assignments.forEach(assignment -> this.assignments.put(key(assignment.unit(), assignment.role()), assignment));
        latestRevisions.forEach(revision -> latest.put(revision.name(), revision));
    }

    /** True when nothing is assigned anywhere, so no agent has an effective policy. */
    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    /**
     * Walks from the unit up to its root; at each level an assignment for the role beats one for
     * every role, and the first level with either wins (the deepest is the most specific).
     */
    public Optional<EffectivePolicy> effective(String unit, String role) {
        List<String> levels = new ArrayList<>(tree.ancestors(unit));
        levels.add(unit);
        for (String level : levels.reversed()) {
            PolicyAssignment match = assignments.get(key(level, Optional.of(role)));
            if (match == null) {
                match = assignments.get(key(level, Optional.empty()));
            }
            if (match != null) {
                PolicyRevision revision = latest.get(match.policy());
                return revision == null ? Optional.empty() : Optional.of(new EffectivePolicy(match, revision));
            }
        }
        return Optional.empty();
    }

    /** Versions of every bundle of the effective revision, ascending. */
    public List<Long> bundleVersions(EffectivePolicy effective) {
        return bundleVersions.computeIfAbsent(revisionKey(effective),
                key -> service.bundleVersions(effective.revision().name(), effective.revision().revision()));
    }

    /** The newest bundle of the effective revision: the version an up-to-date agent of it reports at least. */
    public long newestVersion(EffectivePolicy effective) {
        List<Long> versions = bundleVersions(effective);
        return versions.isEmpty() ? 0 : versions.getLast();
    }

    /**
     * A bundle of the effective revision that an agent running {@code runningVersion} accepts: the
     * newest one if it is higher, else a new one re-signed with the next version (issued once and
     * then shared: it is higher than every version issued before it).
     */
    public SignedPolicy bundleAbove(EffectivePolicy effective, long runningVersion) {
        String key = revisionKey(effective);
        SignedPolicy cached = newest.get(key);
        if (cached != null && cached.version() > runningVersion) {
            return cached;
        }
        SignedPolicy bundle = service.bundleAbove(effective.revision(), runningVersion);
        newest.put(key, bundle);
        bundleVersions.remove(key);
        return bundle;
    }

    private static String key(String unit, Optional<String> role) {
        return unit + '\n' + role.orElse("");
    }

    private static String revisionKey(EffectivePolicy effective) {
        return effective.revision().name() + '\n' + effective.revision().revision();
    }
}
