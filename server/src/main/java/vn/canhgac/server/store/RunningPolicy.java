package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bundle an agent last reported running. {@code version} 0 means none from this server;
 * {@code policy} and {@code revision} are empty when the version is not one this server issued.
 */
public record RunningPolicy(long version, Optional<Instant> reportedAt, Optional<String> policy, Optional<Long> revision) {
    public static final RunningPolicy NONE = new RunningPolicy(0, Optional.empty(), Optional.empty(), Optional.empty());

    public RunningPolicy {
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(revision, "revision");
    }

    /** True when the agent runs a bundle of exactly this policy revision (whichever bundle of it). */
    public boolean runs(String name, long rev) {
        return policy.map(name::equals).orElse(false) && revision.map(r -> r == rev).orElse(false);
    }
}
