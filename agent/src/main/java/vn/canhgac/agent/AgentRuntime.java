package vn.canhgac.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.channel.AgentChannel;
import vn.canhgac.agent.channel.Backoff;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.host.OsFactsReader;
import vn.canhgac.agent.outbox.Outbox;

/**
 * A running agent, wired by hand: host facts → outbox → channel. Collectors (later issues)
 * call {@link #record}; everything recorded is in the outbox before this method returns, and
 * leaves it only when the server has acknowledged it.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentIdentity identity;
    private final Outbox outbox;
    private final EventLoopGroup group;
    private final AgentChannel channel;

    private AgentRuntime(AgentIdentity identity, Outbox outbox, EventLoopGroup group, AgentChannel channel) {
        this.identity = identity;
        this.outbox = outbox;
        this.group = group;
        this.channel = channel;
    }

    public static AgentRuntime start(AgentConfig config, HostRoot hostRoot, Clock clock) {
        AgentIdentity identity = AgentIdentity.load(config.stateDirectory());
        OsFacts facts = new OsFactsReader(hostRoot).read();
        Outbox outbox = Outbox.open(config.outboxFile(), config.outboxCapacity(), clock);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AgentChannel channel = new AgentChannel(identity.agentId(), identity.channel(), identity.keyMaterial(), identity.ca(), config.tls(),
                outbox, facts, group, new Backoff(config.reconnectInitial(), config.reconnectMax(), new SecureRandom()), clock,
                config.batchSize(), config.heartbeatSeconds());
        AgentRuntime runtime = new AgentRuntime(identity, outbox, group, channel);
        runtime.record("agent.started", 1, Map.of("version", AgentVersion.current(), "role", identity.role(),
                "unit", identity.unit(), "hostname", facts.hostname()));
        channel.start();
        log.info("event=agent.started agent={} role={} server={}:{} host_root={}", identity.agentId(), identity.role(),
                identity.channel().getHostString(), identity.channel().getPort(), hostRoot.root());
        return runtime;
    }

    /** Appends an event to the outbox (or counts it as dropped when the outbox is full) and wakes the channel. */
    public Outbox.AppendResult record(String type, int severity, Map<String, ?> details) {
        String payload;
        try {
            payload = JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " details cannot be written as JSON: " + e.getMessage(), e);
        }
        Outbox.AppendResult result = outbox.append(type, severity, payload);
        channel.eventsAppended();
        return result;
    }

    public AgentIdentity identity() {
        return identity;
    }

    public Outbox outbox() {
        return outbox;
    }

    public boolean isConnected() {
        return channel.isConnected();
    }

    public String negotiatedGroup() {
        return channel.negotiatedGroup();
    }

    @Override
    public void close() {
        channel.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        outbox.close();
        log.info("event=agent.stopped agent={}", identity.agentId());
    }
}
