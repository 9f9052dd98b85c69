package vn.canhgac.server.policy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.tls.TrustManagers;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.protocol.v1.PolicyStatus;

/**
 * An agent reduced to its policy behaviour, over the real mutual-TLS channel: hello with the
 * version it runs, then for each bundle a signature check against the server's keys and an
 * answer, accepting only a higher version, as the real agent does.
 */
final class PolicyAgent implements AutoCloseable {
    final String id;
    final List<PolicyBundle> bundles = new CopyOnWriteArrayList<>();
    final List<Envelope> received = new CopyOnWriteArrayList<>();
    volatile long running;
    private final Channel channel;

    private PolicyAgent(String id, long running, Channel channel) {
        this.id = id;
        this.running = running;
        this.channel = channel;
    }

    static PolicyAgent connect(EventLoopGroup group, InetSocketAddress server, KeyMaterial identity, X509Certificate ca, String id,
                               long running, VerifyingKeys keys) {
        TlsEndpoint tls = TlsEndpoint.client(Optional.of(identity), TrustManagers.trusting(List.of(ca)), TlsSettings.HYBRID_PREFERRED);
        PolicyAgent[] self = new PolicyAgent[1];
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), server.getHostString(), server.getPort()));
                        Framing.addTo(ch.pipeline());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Envelope>() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                                    ctx.writeAndFlush(Envelope.newBuilder().setHello(Hello.newBuilder()
                                            .setProtocolVersion(ProtocolVersion.CURRENT).setAgentId(id).setAgentVersion("test")
                                            .setPolicyVersion(running)).build());
                                }
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
                                self[0].received.add(envelope);
                                if (envelope.hasPolicyBundle()) {
                                    ctx.writeAndFlush(self[0].answer(envelope.getPolicyBundle(), keys));
                                }
                            }
                        });
                    }
                })
                .connect(server).syncUninterruptibly().channel();
        self[0] = new PolicyAgent(id, running, channel);
        return self[0];
    }

    private Envelope answer(PolicyBundle bundle, VerifyingKeys keys) {
        PolicyStatus.Builder status = PolicyStatus.newBuilder().setOfferedVersion(bundle.getVersion());
        try {
            PolicyBundles.verify(keys, bundle);
            if (bundle.getVersion() <= running) {
                status.setAccepted(false).setReason("version " + bundle.getVersion() + " is not above " + running);
            } else {
                bundles.add(bundle);
                running = bundle.getVersion();
                status.setAccepted(true);
            }
        } catch (SignatureRefused e) {
            status.setAccepted(false).setReason(e.getMessage());
        }
        return Envelope.newBuilder().setPolicyStatus(status.setRunningVersion(running)).build();
    }

    boolean helloAccepted() {
        return received.stream().anyMatch(Envelope::hasHelloAccepted);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
