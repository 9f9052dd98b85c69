package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.protocol.signing.DualSignature;

/** Policies, their immutable revisions, assignments, signed bundles and what agents run. Implementations are thread-safe. */
public interface PolicyStore {

    /** Signs a bundle once its version is known; called inside the store's transaction. */
    @FunctionalInterface
    interface Signer {
        DualSignature sign(long version, String policy, long revision, Instant issuedAt, byte[] document);
    }

    record Published(PolicyRevision revision, IssuedBundle bundle) {}

    /**
     * Stores the next revision of {@code name} (creating the policy at revision 1) and issues its
     * first bundle with the next server-wide version, in one transaction.
     */
    Published publish(String name, byte[] document, String sha256, String author, String comment, Instant at, Signer signer);

    /** The newest revision of every policy, ordered by name. */
    List<PolicyRevision> latestRevisions();

    /** Every revision of the policy, oldest first; empty for an unknown policy. */
    List<PolicyRevision> revisions(String name);

    Optional<byte[]> document(String name, long revision);

    /** Every assignment, ordered by unit and role. */
    List<PolicyAssignment> assignments();

    /** Stores the assignment, replacing the one of the same unit and role; returns the replaced one. */
    Optional<PolicyAssignment> assign(PolicyAssignment assignment);

    /** Removes the assignment of this unit and role (empty: the every-role one); returns it. */
    Optional<PolicyAssignment> unassign(String unit, Optional<String> role);

    /** Versions of every bundle of this revision, ascending. */
    List<Long> bundleVersions(String name, long revision);

    Optional<IssuedBundle> bundle(long version);

    /**
     * The newest bundle of this revision if its version is above {@code aboveVersion}; otherwise a
     * new bundle of it with the next server-wide version. Atomic, so concurrent callers share one.
     */
    IssuedBundle bundleAbove(String name, long revision, long aboveVersion, Instant at, Signer signer);

    /** Records the bundle versions agents reported running (unknown agents are skipped), in one transaction. */
    void recordRunning(Map<String, Long> versionByAgent, Instant at);

    /** What each agent reported running, by agent id; agents that never reported run {@link RunningPolicy#NONE}. */
    Map<String, RunningPolicy> running();
}
