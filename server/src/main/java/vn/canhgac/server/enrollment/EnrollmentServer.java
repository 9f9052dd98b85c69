package vn.canhgac.server.enrollment;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;

/**
 * The enrolment port: TLS that authenticates the server only (the agent has no certificate yet
 * and pins our CA by the fingerprint in its token), one request, one answer, close.
 */
public final class EnrollmentServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentServer.class);
    private static final int REQUEST_TIMEOUT_SECONDS = 30;

    private final Channel serverChannel;

    private EnrollmentServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static EnrollmentServer start(InetSocketAddress address, EventLoopGroup boss, EventLoopGroup workers, KeyMaterial identity,
                                         TlsSettings tls, EnrollmentService enrollment, Executor blockingWork,
                                         InetSocketAddress advertisedChannel) {
        TlsEndpoint endpoint = TlsEndpoint.server(identity, Optional.empty(), tls);
        Channel bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("tls", endpoint.newHandler(channel.alloc(), null, 0));
                        channel.pipeline().addLast("timeout", new ReadTimeoutHandler(REQUEST_TIMEOUT_SECONDS));
                        Framing.addTo(channel.pipeline());
                        channel.pipeline().addLast("enroll", new EnrollmentHandler(enrollment, blockingWork, advertisedChannel));
                    }
                })
                .bind(address).syncUninterruptibly().channel();
        log.info("event=enrollment.listening address={}", bound.localAddress());
        return new EnrollmentServer(bound);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
