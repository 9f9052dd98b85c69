package vn.canhgac.server.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.v1.ServerCommand;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.CoalescedWrites;

/**
 * The fleet as security staff see it: each agent's status, whether it is connected right now,
 * and revocation.
 *
 * <p>Implementation notes. Connections are counted per agent id rather than kept in a set: an
 * agent that reconnects before the server notices its old connection is gone has two, and the
 * late close of the old one must not mark it disconnected. Revoked serials are an immutable
 * set replaced on every revocation, so the TLS handshake reads it without locking.
 */
public final class AgentService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    public enum Status { ONLINE, SILENT, REVOKED }

    /** The agent channel as the service sees it: delivers a command to a connected agent, false when it is not connected. */
    public interface CommandLink {
        boolean send(String agentId, ServerCommand command);
    }

    /** An agent with its status now; {@code connected} means it has a live channel to this server. */
    public record AgentView(AgentRecord agent, Status status, boolean connected) {
        public AgentView {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(status, "status");
        }
    }

    private final AgentStore store;
    private final Clock clock;
    private final SilenceThresholds silence;
    private final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();
    private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> moveListeners = new CopyOnWriteArrayList<>();
    private final Object revocationLock = new Object();
    private volatile Set<String> revokedSerials;
    private volatile CommandLink commands = (agentId, command) -> false;
    private final CoalescedWrites<AgentStore.Heartbeat> heartbeats;

    /**
     * The server's: heartbeats are written by a thread of the service's own, so that the channel's
     * event loops never wait for a commit per heartbeat; heartbeats arriving while a write runs go
     * into the next one (with 10,000 agents, one transaction instead of hundreds a second).
     */
    public static AgentService withHeartbeatWriter(AgentStore store, Clock clock, SilenceThresholds silence) {
        return new AgentService(store, clock, silence,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().name("agent-heartbeats").daemon().factory()));
    }

    /** @param heartbeatWrites where heartbeats are written to the store; {@link #close} shuts it down if it is an ExecutorService */
    AgentService(AgentStore store, Clock clock, SilenceThresholds silence, Executor heartbeatWrites) {
        this.store = Objects.requireNonNull(store, "store");
        this.heartbeats = new CoalescedWrites<>("agent_heartbeats", Objects.requireNonNull(heartbeatWrites, "heartbeatWrites"),
                // Connected agents show online whatever the store says; a failed batch is written again at the next heartbeats.
                store::recordHeartbeats);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.silence = Objects.requireNonNull(silence, "silence");
        this.revokedSerials = store.revokedCertificateSerials();
    }

    /** Writing each heartbeat on the caller's thread, for tools and tests. */
    public AgentService(AgentStore store, Clock clock, SilenceThresholds silence) {
        this(store, clock, silence, Runnable::run);
    }

    /** With one silence threshold for every role, writing each heartbeat on the caller's thread. */
    public AgentService(AgentStore store, Clock clock, Duration silentAfter) {
        this(store, clock, SilenceThresholds.uniform(Objects.requireNonNull(silentAfter, "silentAfter")));
    }

    public SilenceThresholds silence() {
        return silence;
    }

    public void connected(String id) {
        Objects.requireNonNull(id, "id");
        connections.merge(id, 1, Integer::sum);
    }

    public void disconnected(String id) {
        Objects.requireNonNull(id, "id");
        // Returning null removes the entry, so the map only holds agents that are connected.
        connections.computeIfPresent(id, (agent, count) -> count > 1 ? count - 1 : null);
    }

    /** Records the agent's hello: seen now, with the facts and counters it reported. */
    public void hello(String id, AgentFacts facts, long outboxBacklog, long droppedEventsTotal) {
        store.recordHello(id, clock.instant(), facts, outboxBacklog, droppedEventsTotal);
    }

    /** Records a heartbeat: seen now, with the counters it reported. */
    public void heartbeat(String id, long outboxBacklog, long droppedEventsTotal) {
        Objects.requireNonNull(id, "id");
        heartbeats.put(id, new AgentStore.Heartbeat(clock.instant(), outboxBacklog, droppedEventsTotal));
    }

    public List<AgentView> list() {
        Instant now = clock.instant();
        return store.list().stream().map(agent -> view(agent, now)).toList();
    }

    public Optional<AgentView> find(String id) {
        Objects.requireNonNull(id, "id");
        return store.find(id).map(agent -> view(agent, clock.instant()));
    }

    /** Moves the agent to another existing unit; false if it is unknown or already there. */
    public boolean move(String id, String unit) {
        boolean moved = store.move(Objects.requireNonNull(id, "id"), Objects.requireNonNull(unit, "unit"));
        log.info("event=agent_move agent={} unit=\"{}\" moved={}", id, unit, moved);
        if (moved) {
            notify(moveListeners, "move", id);
        }
        return moved;
    }

    /**
     * Revokes the agent and its certificates, then tells the listeners so the channel can close a
     * live connection. False (and no notification) if the agent is unknown or already revoked.
     */
    public boolean revoke(String id) {
        Objects.requireNonNull(id, "id");
        boolean revoked;
        // Serialised so that two revocations cannot publish their reloaded sets out of order.
        synchronized (revocationLock) {
            revoked = store.revoke(id, clock.instant());
            if (revoked) {
                revokedSerials = store.revokedCertificateSerials();
            }
        }
        log.info("event=agent_revoke agent={} revoked={}", id, revoked);
        if (revoked) {
            notify(revocationListeners, "revocation", id);
        }
        return revoked;
    }

    /** Registers a listener called with the agent id after each successful revocation. */
    public void onRevocation(Consumer<String> listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Registers a listener called with the agent id after each successful move (its effective policy may change). */
    public void onMove(Consumer<String> listener) {
        moveListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Called once by the agent channel when it starts. */
    public void attachCommands(CommandLink link) {
        this.commands = Objects.requireNonNull(link, "link");
    }

    /**
     * Asks a connected agent to send its whole software inventory again. Returns the command's id,
     * which the agent echoes in the resulting events; empty when the agent is not connected (nothing
     * is queued: a command for an offline machine would run at a time nobody chose).
     */
    public Optional<String> resendInventory(String id) {
        String commandId = UUID.randomUUID().toString();
        boolean sent = commands.send(Objects.requireNonNull(id, "id"),
                ServerCommand.newBuilder().setKind(ServerCommand.Kind.RESEND_INVENTORY).setId(commandId).build());
        log.info("event=agent_command agent={} kind=resend_inventory command={} sent={}", id, commandId, sent);
        return sent ? Optional.of(commandId) : Optional.empty();
    }

    /** Called by the TLS trust manager on every handshake: a lookup in an in-memory set. */
    public boolean isRevokedSerial(String serialHex) {
        Objects.requireNonNull(serialHex, "serialHex");
        return revokedSerials.contains(serialHex.toLowerCase(Locale.ROOT));
    }

    private static void notify(List<Consumer<String>> listeners, String change, String id) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                // One failing listener must neither undo the change nor keep the others from hearing of it.
                log.error("event=agent_listener_failed change={} agent={} listener={}", change, id, listener.getClass().getName(), e);
            }
        }
    }

    /** Writes what heartbeats are still waiting, after stopping the writer thread if there is one. */
    @Override
    public void close() {
        heartbeats.close();
    }

    private AgentView view(AgentRecord agent, Instant now) {
        boolean connected = connections.containsKey(agent.id());
        return new AgentView(agent, status(agent, connected, now), connected);
    }

    private Status status(AgentRecord agent, boolean connected, Instant now) {
        if (agent.revokedAt().isPresent()) {
            return Status.REVOKED;
        }
        Duration silentAfter = silence.forRole(agent.role());
        boolean recentlySeen = agent.lastSeenAt().map(seen -> !seen.plus(silentAfter).isBefore(now)).orElse(false);
        return connected || recentlySeen ? Status.ONLINE : Status.SILENT;
    }
}
