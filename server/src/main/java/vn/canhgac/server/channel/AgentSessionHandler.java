package vn.canhgac.server.channel;

import vn.canhgac.protocol.BuildInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.tls.NegotiatedGroup;
import vn.canhgac.protocol.v1.Ack;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Heartbeat;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.HelloAccepted;
import vn.canhgac.protocol.v1.ServerNotice;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.store.AgentBatch;

/**
 * One agent connection after TLS: hello first, then heartbeats and event batches.
 *
 * <p>Implementation notes: everything here runs on the connection's event loop except the
 * store, which {@link EventIngest} reaches on its writer thread; acknowledgements are written
 * back on the event loop. At most {@link #MAX_BATCHES_IN_FLIGHT} batches per connection wait
 * for the store; past that, or when the ingest queue is over its watermark, or when the socket
 * cannot take our writes, the connection stops reading (TCP pushes back on the agent) instead of
 * buffering without bound.
 */
final class AgentSessionHandler extends SimpleChannelInboundHandler<Envelope> {

    private static final Logger log = LoggerFactory.getLogger(AgentSessionHandler.class);
    static final int MAX_BATCHES_IN_FLIGHT = 4;

    private final AgentService agents;
    private final EventIngest ingest;
    private final PolicyDistributor policies;
    private final LiveConnections live;
    private final ChannelMetrics metrics;
    private final Clock clock;
    private final int heartbeatSeconds;

    private String certifiedAgentId;
    private boolean helloAccepted;
    private int batchesInFlight;
    private boolean waitingForIngest;

    AgentSessionHandler(AgentService agents, EventIngest ingest, PolicyDistributor policies, LiveConnections live, ChannelMetrics metrics,
                        Clock clock, int heartbeatSeconds) {
        this.agents = agents;
        this.ingest = ingest;
        this.policies = policies;
        this.live = live;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatSeconds = heartbeatSeconds;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            onHandshake(ctx, handshake);
        } else if (event instanceof IdleStateEvent idle) {
            onIdle(ctx, idle);
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        if (!handshake.isSuccess()) {
            metrics.handshakeFailures.incrementAndGet();
            log.warn("event=tls.handshake_failed remote={} reason=\"{}\"", ctx.channel().remoteAddress(), Errors.rootMessage(handshake.cause()));
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            X509Certificate peer = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
            certifiedAgentId = CertificateAuthority.agentId(peer);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            metrics.handshakeFailures.incrementAndGet();
            log.warn("event=tls.no_client_identity remote={} reason=\"{}\"", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
            return;
        }
        metrics.handshakesCompleted.incrementAndGet();
        log.info("event=tls.handshake agent={} remote={} protocol={} cipher={} group={}", certifiedAgentId,
                ctx.channel().remoteAddress(), ssl.engine().getSession().getProtocol(), ssl.engine().getSession().getCipherSuite(),
                NegotiatedGroup.of(ssl));
    }

    private void onIdle(ChannelHandlerContext ctx, IdleStateEvent idle) {
        if (idle.state() == IdleState.READER_IDLE) {
            if (!ctx.channel().config().isAutoRead()) {
                // We stopped reading (backpressure): the agent's heartbeats wait unread in the socket,
                // so its silence is ours, not its own.
                return;
            }
            log.info("event=agent.silent_connection_closed agent={} after_seconds={}", certifiedAgentId, heartbeatSeconds * 3);
            ctx.close();
        } else if (idle.state() == IdleState.WRITER_IDLE && helloAccepted) {
            ctx.writeAndFlush(Envelope.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSentAtEpochMs(clock.millis())).build());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
        if (certifiedAgentId == null) {
            // TLS finished but the handshake event has not been seen: cannot happen with SslHandler
            // in front, so treat it as a protocol error rather than trust an unnamed peer.
            refuse(ctx, ServerNotice.Code.HELLO_REQUIRED, "no verified client certificate on this connection");
            return;
        }
        if (!helloAccepted) {
            onHello(ctx, envelope);
            return;
        }
        switch (envelope.getBodyCase()) {
            case HEARTBEAT -> agents.heartbeat(certifiedAgentId, envelope.getHeartbeat().getOutboxBacklog(),
                    envelope.getHeartbeat().getDroppedEventsTotal());
            case EVENT_BATCH -> onBatch(ctx, envelope);
            case POLICY_STATUS -> policies.status(certifiedAgentId, envelope.getPolicyStatus().getRunningVersion(),
                    envelope.getPolicyStatus().getAccepted(), envelope.getPolicyStatus().getOfferedVersion(),
                    WireConversions.refusalReason(envelope.getPolicyStatus()));
            case NOTICE -> log.info("event=agent.notice agent={} code={} message=\"{}\"", certifiedAgentId,
                    envelope.getNotice().getCode(), envelope.getNotice().getMessage());
            default -> refuse(ctx, ServerNotice.Code.MALFORMED_MESSAGE,
                    "an agent may not send " + envelope.getBodyCase() + " on the agent channel");
        }
    }

    private void onHello(ChannelHandlerContext ctx, Envelope envelope) {
        if (!envelope.hasHello()) {
            refuse(ctx, ServerNotice.Code.HELLO_REQUIRED, "the first message must be a hello (got " + envelope.getBodyCase() + ")");
            return;
        }
        Hello hello = envelope.getHello();
        if (!ProtocolVersion.isSupported(hello.getProtocolVersion())) {
            refuse(ctx, ServerNotice.Code.UNSUPPORTED_PROTOCOL_VERSION, ProtocolVersion.refusal(hello.getProtocolVersion()));
            return;
        }
        if (!hello.getAgentId().equals(certifiedAgentId)) {
            refuse(ctx, ServerNotice.Code.AGENT_ID_MISMATCH, "hello names agent " + hello.getAgentId()
                    + " but the client certificate is for " + certifiedAgentId);
            return;
        }
        Optional<AgentService.AgentView> agent = agents.find(certifiedAgentId);
        if (agent.isEmpty() || agent.get().status() == AgentService.Status.REVOKED) {
            refuse(ctx, ServerNotice.Code.REVOKED, "agent " + certifiedAgentId + " is revoked or unknown to this server; enrol again");
            return;
        }
        helloAccepted = true;
        live.register(certifiedAgentId, ctx.channel());
        agents.connected(certifiedAgentId);
        agents.hello(certifiedAgentId, WireConversions.facts(hello), hello.getOutboxBacklog(), hello.getDroppedEventsTotal());
        log.info("event=agent.connected agent={} version={} backlog={} dropped_total={}", certifiedAgentId, hello.getAgentVersion(),
                hello.getOutboxBacklog(), hello.getDroppedEventsTotal());
        ctx.writeAndFlush(Envelope.newBuilder().setHelloAccepted(HelloAccepted.newBuilder()
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setServerVersion(BuildInfo.version())
                .setHeartbeatIntervalSeconds(heartbeatSeconds)
                .setHighestStoredSequence(agent.get().agent().highestSequence())).build());
        // After HelloAccepted, so that a bundle never arrives before the agent knows it was accepted.
        policies.hello(certifiedAgentId, hello.getPolicyVersion());
    }

    private void onBatch(ChannelHandlerContext ctx, Envelope envelope) {
        AgentBatch batch;
        try {
            batch = new AgentBatch(certifiedAgentId, WireConversions.events(envelope.getEventBatch().getEventsList()));
        } catch (ProtocolViolation e) {
            refuse(ctx, ServerNotice.Code.MALFORMED_MESSAGE, e.getMessage());
            return;
        }
        metrics.batchesReceived.incrementAndGet();
        metrics.eventsReceived.addAndGet(batch.events().size());
        batchesInFlight++;
        ingest.submit(batch).whenComplete((highest, failure) -> ctx.executor().execute(() -> onStored(ctx, highest, failure)));
        updateReading(ctx);
    }

    private void onStored(ChannelHandlerContext ctx, Long highest, Throwable failure) {
        batchesInFlight--;
        if (failure != null) {
            refuse(ctx, ServerNotice.Code.INTERNAL_ERROR, "the server could not store this batch; it stays in your outbox and will be resent");
            return;
        }
        ctx.writeAndFlush(Envelope.newBuilder().setAck(Ack.newBuilder().setHighestStoredSequence(highest)).build());
        updateReading(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        updateReading(ctx);
        super.channelWritabilityChanged(ctx);
    }

    /** Reads only while the agent's acks can be written, its batches fit in flight, and the store keeps up. */
    private void updateReading(ChannelHandlerContext ctx) {
        boolean storeBehind = ingest.overloaded();
        boolean read = ctx.channel().isWritable() && batchesInFlight < MAX_BATCHES_IN_FLIGHT && !storeBehind;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
            if (!read) {
                metrics.readPauses.incrementAndGet();
            }
        }
        if (storeBehind && !waitingForIngest) {
            waitingForIngest = true;
            ingest.whenDrained(() -> ctx.executor().execute(() -> {
                waitingForIngest = false;
                updateReading(ctx);
            }));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (helloAccepted) {
            // connected() was counted once for this connection, so it is uncounted once, even when a
            // newer connection of the same agent has already replaced it in the live map.
            live.unregister(certifiedAgentId, ctx.channel());
            agents.disconnected(certifiedAgentId);
            log.info("event=agent.disconnected agent={}", certifiedAgentId);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException) {
            refuse(ctx, ServerNotice.Code.FRAME_TOO_LARGE, "frame over the maximum size: " + root.getMessage());
        } else if (root instanceof InvalidProtocolBufferException) {
            refuse(ctx, ServerNotice.Code.MALFORMED_MESSAGE, "frame is not a valid protocol message: " + root.getMessage());
        } else if (root instanceof NotSslRecordException) {
            metrics.handshakeFailures.incrementAndGet();
            log.warn("event=tls.not_tls remote={} reason=\"plain-text client on the TLS agent port\"", ctx.channel().remoteAddress());
            ctx.close();
        } else if (root instanceof javax.net.ssl.SSLException) {
            log.warn("event=tls.error agent={} remote={} reason=\"{}\"", certifiedAgentId, ctx.channel().remoteAddress(), Errors.rootMessage(root));
            ctx.close();
        } else if (root instanceof java.io.IOException) {
            log.info("event=agent.connection_lost agent={} reason=\"{}\"", certifiedAgentId, root.getMessage());
            ctx.close();
        } else {
            log.error("event=channel.unexpected_error agent={} reason=\"{}\"", certifiedAgentId, Errors.rootMessage(root), root);
            refuse(ctx, ServerNotice.Code.INTERNAL_ERROR, "internal server error; reconnect later");
        }
    }

    private void refuse(ChannelHandlerContext ctx, ServerNotice.Code code, String message) {
        metrics.refusedConnections.incrementAndGet();
        log.warn("event=agent.refused agent={} remote={} code={} reason=\"{}\"", certifiedAgentId, ctx.channel().remoteAddress(), code, message);
        ctx.channel().config().setAutoRead(false);
        Notices.sendAndClose(ctx.channel(), code, message);
    }
}
