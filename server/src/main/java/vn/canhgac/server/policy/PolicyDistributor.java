package vn.canhgac.server.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.CoalescedWrites;
import vn.canhgac.server.store.PolicyStore;

/**
 * Gets each online agent onto its effective policy: after a publish, an assignment change or a
 * move, and whenever an agent says hello with a version that is not a bundle of its effective
 * revision. Offline agents are brought up to date by their next hello. Also records the version
 * each agent reports running.
 *
 * <p>Implementation notes. A push resolves every target through one {@link PolicySnapshot}, groups
 * the agents by the bundle they need, and hands each group to the {@link AgentLink} once: the
 * channel writes on each connection's own event loop and nothing here waits for the writes. Hellos
 * and moves are resolved on the {@code policy-push} thread, never on a Netty event loop. Reported
 * versions are kept in memory at once (the next push reads them) and written to the store by the
 * {@code policy-status} thread, many agents per transaction, so that 10,000 agents acknowledging a
 * publish cost a handful of commits rather than 10,000.
 */
public final class PolicyDistributor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PolicyDistributor.class);

    /** The agent channel as the distributor sees it. */
    public interface AgentLink {
        /** Ids of the agents with a live, hello-accepted connection now. */
        Set<String> online();

        /** Sends the bundle to those of these agents that are still connected; returns without waiting for the writes. */
        void send(SignedPolicy bundle, Collection<String> agentIds);
    }

    private static final AgentLink NO_CHANNEL = new AgentLink() {
        @Override
        public Set<String> online() {
            return Set.of();
        }

        @Override
        public void send(SignedPolicy bundle, Collection<String> agentIds) {
            // Before the channel is attached nobody is connected.
        }
    };

    private final PolicyService policies;
    private final AgentStore agents;
    private final Map<String, Long> reported = new ConcurrentHashMap<>();
    private final CoalescedWrites<Long> statusWrites;
    private final ExecutorService pushes = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("policy-push").daemon().factory());
    private volatile AgentLink link = NO_CHANNEL;

    public PolicyDistributor(PolicyService policies, PolicyStore store, AgentStore agents, Clock clock) {
        this.policies = Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(store, "store");
        this.agents = Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(clock, "clock");
        // A failed batch stays in memory for pushes; the store learns the versions again at the agents' next report.
        this.statusWrites = new CoalescedWrites<>("policy.status",
                Executors.newSingleThreadExecutor(Thread.ofPlatform().name("policy-status").daemon().factory()),
                batch -> store.recordRunning(batch, clock.instant()));
    }

    /** Called once by the agent channel when it starts. */
    public void attach(AgentLink channel) {
        this.link = Objects.requireNonNull(channel, "channel");
    }

    /** An agent's hello: records the version it runs and, off the caller's thread, sends it its effective bundle if that differs. */
    public void hello(String agentId, long runningVersion) {
        report(agentId, runningVersion);
        pushes.execute(() -> pushContained(List.of(agentId)));
    }

    /** An agent's answer to a bundle. Refusals are logged: the server signed it, so a refusal means a broken agent or a wrong key. */
    public void status(String agentId, long runningVersion, boolean accepted, long offeredVersion, String reason) {
        report(agentId, runningVersion);
        if (accepted) {
            log.info("event=policy.applied agent={} version={}", agentId, runningVersion);
        } else {
            log.warn("event=policy.refused agent={} offered={} running={} reason=\"{}\"", agentId, offeredVersion, runningVersion, reason);
        }
    }

    /** After an agent moved to another unit: its effective policy may have changed. */
    public void agentMoved(String agentId) {
        pushes.execute(() -> pushContained(List.of(agentId)));
    }

    /**
     * Sends every online agent whose running version is not a bundle of its effective revision a
     * bundle of that revision; returns how many agents were sent one. Called after a publish or an
     * assignment change, on the caller's thread.
     */
    public int pushToOnline() {
        return push(link.online());
    }

    private void pushContained(Collection<String> agentIds) {
        try {
            push(agentIds);
        } catch (RuntimeException e) {
            // The agent gets its policy at its next hello or the next publish; the push thread lives on.
            log.error("event=policy.push_failed agents={} reason=\"{}\"", agentIds.size(), e.getMessage(), e);
        }
    }

    private int push(Collection<String> agentIds) {
        Set<String> online = link.online();
        List<String> targets = agentIds.stream().filter(online::contains).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        PolicySnapshot snapshot = policies.snapshot();
        if (snapshot.isEmpty()) {
            return 0;
        }
        Map<Long, SignedPolicy> bundles = new HashMap<>();
        Map<Long, List<String>> recipients = new LinkedHashMap<>();
        for (AgentRecord agent : records(targets)) {
            if (agent.revokedAt().isPresent()) {
                continue;
            }
            long running = reported.getOrDefault(agent.id(), 0L);
            Optional<EffectivePolicy> effective = snapshot.effective(agent.unit(), agent.role());
            if (effective.isEmpty() || snapshot.bundleVersions(effective.get()).contains(running)) {
                continue;
            }
            SignedPolicy bundle = snapshot.bundleAbove(effective.get(), running);
            bundles.putIfAbsent(bundle.version(), bundle);
            recipients.computeIfAbsent(bundle.version(), version -> new ArrayList<>()).add(agent.id());
        }
        int sent = 0;
        for (Map.Entry<Long, List<String>> group : recipients.entrySet()) {
            link.send(bundles.get(group.getKey()), group.getValue());
            sent += group.getValue().size();
            log.info("event=policy.pushed version={} agents={}", group.getKey(), group.getValue().size());
        }
        return sent;
    }

    /** One agent by key, many by one scan of the table. */
    private List<AgentRecord> records(List<String> ids) {
        if (ids.size() == 1) {
            return agents.find(ids.getFirst()).stream().toList();
        }
        Set<String> wanted = Set.copyOf(ids);
        return agents.list().stream().filter(agent -> wanted.contains(agent.id())).toList();
    }

    private void report(String agentId, long runningVersion) {
        reported.put(agentId, runningVersion);
        statusWrites.put(agentId, runningVersion);
    }

    /** Stops pushing and writes the versions reported so far. */
    @Override
    public void close() {
        pushes.shutdownNow();
        statusWrites.close();
    }
}
