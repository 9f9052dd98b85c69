package vn.canhgac.agent.channel;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.tls.TrustManagers;

/**
 * Keeps one mutual-TLS connection to the server and drains the outbox through it, reconnecting
 * with jittered exponential back-off whenever it drops.
 *
 * <p>Implementation notes: Netty I/O runs on the given event loop; every outbox access
 * (reading batches, deleting acknowledged events) runs on one dedicated thread, so a slow disk
 * never stalls the event loop and the outbox sees one reader. A connection's send state lives in
 * its own {@link OutboxPump}; a new connection starts a new pump that resends everything not
 * yet acknowledged, which the server's (agent, sequence) idempotency makes harmless.
 */
public final class AgentChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentChannel.class);

    private final String agentId;
    private final InetSocketAddress server;
    private final TlsEndpoint tls;
    private final Outbox outbox;
    private final OsFacts facts;
    private final EventLoopGroup group;
    private final Backoff backoff;
    private final Clock clock;
    private final int batchSize;
    private final int heartbeatSeconds;
    private final ServerCommands commands;
    private final SignedPolicies policies;
    private final ExecutorService outboxThread;
    private volatile boolean closed;
    private volatile Channel current;
    private volatile OutboxPump pump;
    private volatile String negotiatedGroup = "none";

    public AgentChannel(String agentId, InetSocketAddress server, KeyMaterial identity, java.security.cert.X509Certificate ca,
                        TlsSettings tlsSettings, Outbox outbox, OsFacts facts, EventLoopGroup group, Backoff backoff, Clock clock,
                        int batchSize, int heartbeatSeconds, ServerCommands commands, SignedPolicies policies) {
        this.agentId = agentId;
        this.server = server;
        this.tls = TlsEndpoint.client(Optional.of(identity), TrustManagers.trusting(List.of(ca)), tlsSettings);
        this.outbox = outbox;
        this.facts = facts;
        this.group = group;
        this.backoff = backoff;
        this.clock = clock;
        this.batchSize = batchSize;
        this.heartbeatSeconds = heartbeatSeconds;
        this.commands = commands;
        this.policies = policies;
        this.outboxThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("outbox-pump").daemon().factory());
    }

    public void start() {
        connect();
    }

    /** Tells the channel new events are waiting; cheap to call after every append. */
    public void eventsAppended() {
        OutboxPump active = pump;
        if (active != null) {
            outboxThread.execute(active::pump);
        }
    }

    public boolean isConnected() {
        Channel channel = current;
        return channel != null && channel.isActive() && pump != null && pump.isReady();
    }

    /** The key-exchange group of the last TLS handshake, e.g. X25519MLKEM768. */
    public String negotiatedGroup() {
        return negotiatedGroup;
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelFuture connecting = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        OutboxPump connectionPump = new OutboxPump(channel, outbox, outboxThread, batchSize);
                        channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), server.getHostString(), server.getPort()));
                        channel.pipeline().addLast("idle", new IdleStateHandler(heartbeatSeconds * 3L, heartbeatSeconds, 0, TimeUnit.SECONDS));
                        Framing.addTo(channel.pipeline());
                        channel.pipeline().addLast("session", new AgentSessionHandler(agentId, outbox, facts, connectionPump, backoff, clock,
                                name -> negotiatedGroup = name, commands, policies));
                        pump = connectionPump;
                    }
                })
                .connect(server.getHostString(), server.getPort());
        current = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                log.info("event=channel.connect_failed server={}:{} reason=\"{}\"", server.getHostString(), server.getPort(),
                        done.cause().getMessage());
                scheduleReconnect();
            } else {
                connecting.channel().closeFuture().addListener(closedFuture -> scheduleReconnect());
            }
        });
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        Duration delay = backoff.nextDelay();
        log.info("event=channel.reconnect_scheduled in_ms={}", delay.toMillis());
        group.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        Channel channel = current;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        outboxThread.shutdown();
        try {
            outboxThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
