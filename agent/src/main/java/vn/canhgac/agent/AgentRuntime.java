package vn.canhgac.agent;

import vn.canhgac.protocol.BuildInfo;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.channel.AgentChannel;
import vn.canhgac.agent.channel.Backoff;
import vn.canhgac.agent.collect.Collector;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.CollectorSet;
import vn.canhgac.agent.collect.Collectors;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.host.OsFactsReader;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxRecorder;
import vn.canhgac.agent.policy.ActivePolicy;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;

/**
 * A running agent, wired by hand: host facts → outbox → channel. Collectors (later issues)
 * call {@link #record}; everything recorded is in the outbox before this method returns, and
 * leaves it only when the server has acknowledged it.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    /** How long a stopping agent waits for its agent.stopping event to be acknowledged; systemd allows 30 s for the stop. */
    static final Duration STOPPING_DELIVERY_GRACE = Duration.ofSeconds(3);

    private final AgentIdentity identity;
    private final Outbox outbox;
    private final OutboxRecorder recorder;
    private final SignedPolicies policies;
    private final EventLoopGroup group;
    private final AgentChannel channel;
    private final ScheduledExecutorService scheduler;
    private CollectorSet collectors;

    private AgentRuntime(AgentIdentity identity, Outbox outbox, OutboxRecorder recorder, SignedPolicies policies, EventLoopGroup group,
                         AgentChannel channel, ScheduledExecutorService scheduler) {
        this.identity = identity;
        this.outbox = outbox;
        this.recorder = recorder;
        this.policies = policies;
        this.group = group;
        this.channel = channel;
        this.scheduler = scheduler;
    }

    public static AgentRuntime start(AgentConfig config, HostRoot hostRoot, Clock clock) {
        return start(config, hostRoot, clock, Collectors.all());
    }

    /** Starts with the given collectors (tests pass their own; the agent passes {@link Collectors#all()}). */
    public static AgentRuntime start(AgentConfig config, HostRoot hostRoot, Clock clock, List<Collector> collectors) {
        AgentIdentity identity = AgentIdentity.load(config.stateDirectory());
        ActivePolicy unsigned = unsignedPolicy(config);
        OsFacts facts = new OsFactsReader(hostRoot).read();
        Outbox outbox = Outbox.open(config.outboxFile(), config.outboxCapacity(), clock);
        OutboxRecorder recorder = new OutboxRecorder(outbox);
        SignedPolicies policies = SignedPolicies.open(identity.policyKeys(), config.stateDirectory(), unsigned, recorder::append);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerCommands commands = new ServerCommands();
        AgentChannel channel = new AgentChannel(identity.agentId(), identity.channel(), identity.keyMaterial(), identity.ca(), config.tls(),
                outbox, facts, group, new Backoff(config.reconnectInitial(), config.reconnectMax(), new SecureRandom()), clock,
                config.batchSize(), config.heartbeatSeconds(), commands, policies);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("collectors").daemon().priority(Thread.MIN_PRIORITY).factory());
        AgentRuntime runtime = new AgentRuntime(identity, outbox, recorder, policies, group, channel, scheduler);
        ActivePolicy running = policies.current();
        runtime.record("agent.started", EventSeverity.INFO, Map.of("version", BuildInfo.version(), "role", identity.role(),
                "unit", identity.unit(), "hostname", facts.hostname(), "policy", running.name(), "policyVersion", running.version(),
                "enforcement", config.enforcement().word()));
        channel.start();
        runtime.collectors = new CollectorSet(collectors, new CollectorContext(hostRoot, () -> policies.current().policy(), identity.role(),
                runtime::record, scheduler, clock, config.enforcement(), commands, new ConnectivityBoard(), config.stateDirectory()));
        log.info("event=agent.started agent={} role={} server={}:{} host_root={} policy=\"{}\" enforcement={} collectors={}",
                identity.agentId(), identity.role(), identity.channel().getHostString(), identity.channel().getPort(), hostRoot.root(),
                running.describe(), config.enforcement().word(), runtime.collectors.names());
        return runtime;
    }

    /** The local --policy file, else the defaults: what runs until a signed bundle has been accepted. */
    public static ActivePolicy unsignedPolicy(AgentConfig config) {
        return config.policyFile()
                .map(file -> ActivePolicy.unsigned(PolicyParser.read(file), "local file " + file))
                .orElseGet(() -> ActivePolicy.unsigned(Policy.defaults(), "built-in defaults"));
    }

    private void recordStopping(String reason) {
        try {
            record("agent.stopping", EventSeverity.MEDIUM, Map.of("reason", reason, "version", BuildInfo.version()));
            // Shutdown only, and bounded: the pump acknowledges on its own thread; polling the outbox here
            // avoids a completion hook in the hot path for the one event that wants one.
            long deadline = System.nanoTime() + STOPPING_DELIVERY_GRACE.toNanos();
            while (channel.isConnected() && outbox.size() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } catch (RuntimeException e) {
            log.warn("event=agent.stopping_not_recorded agent={} reason={} error={}", identity.agentId(), reason, e.getMessage());
        }
    }

    /** Appends an event to the outbox (or counts it as dropped when the outbox is full) and wakes the channel. */
    public Outbox.AppendResult record(String type, EventSeverity severity, Map<String, ?> details) {
        Outbox.AppendResult result = recorder.append(type, severity, details);
        channel.eventsAppended();
        return result;
    }

    public AgentIdentity identity() {
        return identity;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The policy the collectors apply now; its version is what the agent reports to the server. */
    public ActivePolicy runningPolicy() {
        return policies.current();
    }

    public boolean isConnected() {
        return channel.isConnected();
    }

    public String negotiatedGroup() {
        return channel.negotiatedGroup();
    }

    @Override
    public void close() {
        close("closed");
    }

    /**
     * Stops the agent. A stopped agent is something inspectors ask about, so the last event is
     * {@code agent.stopping} with the reason: sent now if the channel is up (waiting at most
     * {@link #STOPPING_DELIVERY_GRACE}), else kept in the outbox and sent after the next start.
     */
    public void close(String reason) {
        if (collectors != null) {
            collectors.close();
        }
        scheduler.shutdownNow();
        recordStopping(reason);
        channel.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        outbox.close();
        log.info("event=agent.stopped agent={} reason={}", identity.agentId(), reason);
    }
}
