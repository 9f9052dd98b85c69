package vn.canhgac.agent.policy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.EventSink;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

/**
 * The agent's side of signed policies: which policy runs, and what happens to each bundle the
 * server offers. An accepted bundle is stored before it runs, so a restart runs it again (after
 * verifying it again) and still refuses anything older; every refusal is recorded as a
 * {@code policy.refused} event in the outbox, so it reaches the server even if the connection
 * drops before the answer does.
 *
 * <p>A signed bundle takes precedence over the local {@code --policy} file, which only serves
 * until the first bundle arrives (and for audits).
 *
 * <p>Implementation notes: {@link #offer} is synchronized (bundles are judged one at a time,
 * against the version that runs at that moment); {@link #current} is a volatile read, so
 * collectors see a new policy at their next look without locking.
 */
public final class SignedPolicies {

    private static final Logger log = LoggerFactory.getLogger(SignedPolicies.class);
    /** Longest policy name copied from an unverified bundle into an event. */
    private static final int MAX_NAME_IN_EVENT = 200;

    /** The answer to one bundle, as {@code canhgac.v1.PolicyStatus} carries it. */
    public record Answer(long runningVersion, boolean accepted, String reason, long offeredVersion) {}

    /** What start-up found: the policy to run and, when a stored bundle could not be used, why. */
    public record Startup(ActivePolicy active, Optional<String> storedBundleProblem) {}

    private final Optional<VerifyingKeys> keys;
    private final PolicyBundleFile file;
    private final EventSink events;
    private volatile ActivePolicy active;

    private SignedPolicies(Optional<VerifyingKeys> keys, PolicyBundleFile file, EventSink events,
                           ActivePolicy active) {
        this.keys = keys;
        this.file = file;
        this.events = events;
        this.active = active;
    }

    /**
     * What would run if the agent started now, without changing anything: the stored bundle if it verifies against
     * {@code keys}, else {@code unsigned} (the local file or the defaults) with the reason. {@code canhgac-agent status} uses it.
     */
    public static Startup inspect(Optional<VerifyingKeys> keys, Path stateDirectory, ActivePolicy unsigned) {
        return inspect(keys, new PolicyBundleFile(stateDirectory), unsigned);
    }

    private static Startup inspect(Optional<VerifyingKeys> keys, PolicyBundleFile file, ActivePolicy unsigned) {
        return switch (file.read()) {
            case PolicyBundleFile.Missing missing -> new Startup(unsigned, Optional.empty());
            case PolicyBundleFile.Unreadable unreadable -> new Startup(unsigned, Optional.of(unreadable.reason()));
            case PolicyBundleFile.Found found -> switch (BundleAcceptance.judge(keys, 0, found.bundle())) {
                case BundleAcceptance.Accepted accepted -> new Startup(accepted.active(), Optional.empty());
                case BundleAcceptance.Refused refused -> new Startup(unsigned, Optional.of("the stored bundle (version "
                        + Long.toUnsignedString(found.bundle().getVersion()) + ") is refused: " + refused.reason()));
            };
        };
    }

    /**
     * Starts with the stored bundle, verified again against the keys from enrolment. A stored bundle that fails
     * (damaged or tampered with) is set aside and reported as {@code policy.stored_bundle_rejected}; the agent then
     * runs {@code unsigned} at version 0, which makes the server send its bundle again.
     */
    public static SignedPolicies open(Optional<VerifyingKeys> keys, Path stateDirectory,
                                      ActivePolicy unsigned, EventSink events) {
        PolicyBundleFile file = new PolicyBundleFile(stateDirectory);
        Startup startup = inspect(keys, file, unsigned);
        startup.storedBundleProblem().ifPresent(problem -> {
            String where = setAside(file);
            log.error("event=policy.stored_bundle_rejected file={} set_aside={} reason=\"{}\" running=\"{}\"", file.path(), where, problem,
                    unsigned.describe());
            events.record("policy.stored_bundle_rejected", EventSeverity.HIGH, Map.of("reason", problem, "setAside", where,
                    "runningVersion", 0L, "running", unsigned.origin()));
        });
        return new SignedPolicies(keys, file, events, startup.active());
    }

    private static String setAside(PolicyBundleFile file) {
        try {
            return file.setAside().toString();
        } catch (UncheckedIOException e) {
            // Left in place it is refused again at the next start, which is noisy but safe.
            log.warn("event=policy.set_aside_failed file={} reason=\"{}\"", file.path(), e.getMessage());
            return "";
        }
    }

    public ActivePolicy current() {
        return active;
    }

    /** The bundle version that runs: what the hello reports; 0 when no signed bundle runs. */
    public long runningVersion() {
        return active.version();
    }

    public Optional<VerifyingKeys> keys() {
        return keys;
    }

    /** Judges a bundle from the server, stores and applies it if accepted, and records what happened. */
    public synchronized Answer offer(PolicyBundle bundle) {
        ActivePolicy running = active;
        long offered = bundle.getVersion();
        return switch (BundleAcceptance.judge(keys, running.version(), bundle)) {
            case BundleAcceptance.Accepted accepted -> apply(bundle, accepted.active(), running);
            case BundleAcceptance.Refused refused when refused.alreadyRunning() -> {
                // The server resends what the agent runs after a reconnect: answered, not an event.
                log.debug("event=policy.already_running version={}", Long.toUnsignedString(offered));
                yield new Answer(running.version(), false, refused.reason(), offered);
            }
            case BundleAcceptance.Refused refused -> refuse(bundle, running, refused.reason());
        };
    }

    private Answer apply(PolicyBundle bundle, ActivePolicy next, ActivePolicy running) {
        try {
            file.write(bundle);
        } catch (UncheckedIOException e) {
            return refuse(bundle, running, e.getMessage());
        }
        active = next;
        log.info("event=policy.applied version={} policy=\"{}\" revision={} previous_version={}", Long.toUnsignedString(next.version()),
                next.name(), next.revision(), Long.toUnsignedString(running.version()));
        events.record("policy.applied", EventSeverity.INFO, Map.of("version", next.version(), "policyName", next.name(),
                "revision", next.revision(), "previousVersion", running.version()));
        return new Answer(next.version(), true, "", next.version());
    }

    private Answer refuse(PolicyBundle bundle, ActivePolicy running, String reason) {
        String name = bundle.getPolicyName();
        if (name.length() > MAX_NAME_IN_EVENT) {
            name = name.substring(0, MAX_NAME_IN_EVENT) + "…";
        }
        log.warn("event=policy.refused offered_version={} running_version={} policy=\"{}\" reason=\"{}\"",
                Long.toUnsignedString(bundle.getVersion()), Long.toUnsignedString(running.version()), name, reason);
        events.record("policy.refused", EventSeverity.HIGH, Map.of("offeredVersion", bundle.getVersion(),
                "runningVersion", running.version(), "policyName", name, "reason", reason));
        return new Answer(running.version(), false, reason, bundle.getVersion());
    }
}
