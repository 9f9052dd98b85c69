package vn.canhgac.systemtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.tls.TrustManagers;
import vn.canhgac.protocol.v1.Envelope;

/**
 * A misbehaving client for refusal tests: optional TLS with any identity, then raw bytes. It
 * records every frame the server sends back (decoded as envelopes) and when the connection closed.
 */
final class RawClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Boolean> handshake = new CompletableFuture<>();
    private Channel channel;

    static RawClient tls(InetSocketAddress server, Optional<KeyMaterial> identity, java.security.cert.X509Certificate ca) {
        return new RawClient().connect(server, Optional.of(TlsEndpoint.client(identity, TrustManagers.trusting(List.of(ca)),
                TlsSettings.HYBRID_PREFERRED)));
    }

    static RawClient plain(InetSocketAddress server) {
        return new RawClient().connect(server, Optional.empty());
    }

    private RawClient connect(InetSocketAddress server, Optional<TlsEndpoint> tls) {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        tls.ifPresent(endpoint -> ch.pipeline().addLast(endpoint.newHandler(ch.alloc(), server.getHostString(), server.getPort())));
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(FrameLimits.MAX_FRAME_BYTES, 0, 4, 0, 4));
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                                ByteBuf frame = (ByteBuf) msg;
                                byte[] bytes = new byte[frame.readableBytes()];
                                frame.readBytes(bytes);
                                frame.release();
                                received.add(Envelope.parseFrom(bytes));
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof SslHandshakeCompletionEvent done) {
                                    handshake.complete(done.isSuccess());
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                handshake.complete(false);
                                closed.complete(null);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(server).syncUninterruptibly().channel();
        if (tls.isEmpty()) {
            handshake.complete(true);
        }
        return this;
    }

    boolean handshakeSucceeded() throws Exception {
        return handshake.get(10, TimeUnit.SECONDS);
    }

    void sendFrame(byte[] body) {
        ByteBuf frame = Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    void send(Envelope envelope) {
        sendFrame(envelope.toByteArray());
    }

    void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    /** True when the server closed the connection within the limit. */
    boolean closedWithin(Duration limit) {
        try {
            closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    List<Envelope> received() {
        return received;
    }

    /** Waits until the server has sent at least {@code count} frames. */
    List<Envelope> awaitFrames(int count, Duration limit) {
        Await.until(limit, () -> received.size() >= count, () -> "received " + received + " closed=" + closed.isDone());
        return received;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
