package vn.canhgac.server.channel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.tls.TrustManagers;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.ServerNotice;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.policy.SignedPolicy;

/**
 * The port agents connect to: TLS 1.3 with a client certificate from our CA that is not
 * revoked, then length-limited protobuf frames, idle handling, and one session handler.
 * The pipeline reads in the order of the protocol:
 * {@code tls → idle → frame decoder/encoder → message decoder/encoder → session}.
 */
public final class AgentChannelServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentChannelServer.class);

    private final Channel serverChannel;
    private final LiveConnections live;
    private final ChannelMetrics metrics;

    private AgentChannelServer(Channel serverChannel, LiveConnections live, ChannelMetrics metrics) {
        this.serverChannel = serverChannel;
        this.live = live;
        this.metrics = metrics;
    }

    public static AgentChannelServer start(InetSocketAddress address, EventLoopGroup boss, EventLoopGroup workers,
                                           KeyMaterial identity, java.security.cert.X509Certificate ca, TlsSettings tls,
                                           AgentService agents, EventIngest ingest, PolicyDistributor policies, Clock clock,
                                           int heartbeatSeconds) {
        TlsEndpoint endpoint = TlsEndpoint.server(identity,
                Optional.of(new RevocationCheckingTrustManager(TrustManagers.trusting(List.of(ca)), agents::isRevokedSerial)), tls);
        LiveConnections live = new LiveConnections();
        ChannelMetrics metrics = new ChannelMetrics();
        agents.onRevocation(agentId -> live.close(agentId, ServerNotice.Code.REVOKED, "this agent has been revoked by an administrator"));
        agents.attachCommands((agentId, command) -> live.sendTo(agentId, Envelope.newBuilder().setCommand(command).build()));
        policies.attach(new PolicyDistributor.AgentLink() {
            @Override
            public java.util.Set<String> online() {
                return live.agentIds();
            }

            @Override
            public void send(SignedPolicy bundle, java.util.Collection<String> agentIds) {
                // Built once for the whole group: the document is copied once, not once per agent.
                live.send(Envelope.newBuilder().setPolicyBundle(WireConversions.policyBundle(bundle)).build(), agentIds);
            }
        });
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("tls", endpoint.newHandler(channel.alloc(), null, 0));
                        channel.pipeline().addLast("idle", new IdleStateHandler(heartbeatSeconds * 3L, heartbeatSeconds, 0, TimeUnit.SECONDS));
                        Framing.addTo(channel.pipeline());
                        channel.pipeline().addLast("session", new AgentSessionHandler(agents, ingest, policies, live, metrics, clock,
                                heartbeatSeconds));
                    }
                });
        Channel bound = bootstrap.bind(address).syncUninterruptibly().channel();
        log.info("event=channel.listening address={} groups={}", bound.localAddress(), tls.namedGroups());
        return new AgentChannelServer(bound, live, metrics);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public ChannelMetrics metrics() {
        return metrics;
    }

    /** Writes a message to those of these agents connected now, without waiting for the writes. */
    public void send(Envelope message, java.util.Collection<String> agentIds) {
        live.send(message, agentIds);
    }

    public int connectedAgents() {
        return live.size();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        live.closeAll("the server is shutting down; reconnect later");
    }
}
