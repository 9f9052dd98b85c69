package vn.canhgac.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import vn.canhgac.protocol.BuildInfo;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.tls.NegotiatedGroup;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Heartbeat;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.OsFacts;
import vn.canhgac.protocol.v1.PolicyStatus;

/**
 * One simulated agent on one connection. After the TLS handshake it says hello as a real agent
 * does; once told to {@link #stream}, it sends its events in numbered batches, keeping at most
 * {@link Workload#maxBatchesInFlight()} unacknowledged, and times each batch until the
 * acknowledgement that covers it arrives. Between batches it heartbeats at the interval the
 * server asked for, so an idle simulated agent is not dropped as silent.
 *
 * <p>Implementation notes: all fields are touched on the channel's event loop only. Other
 * threads learn about the agent through its two futures and {@link #isHeld()}.
 */
final class SimulatedAgent extends SimpleChannelInboundHandler<Envelope> {

    /** Marks the server's agent rows as simulated, and from which build. */
    private static final String AGENT_VERSION = "loadgen-" + BuildInfo.version();

    private final AgentCredential credential;
    private final Workload workload;
    private final FleetStats stats;
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final ArrayDeque<SentBatch> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Long> dueAt = new ArrayDeque<>();
    private volatile Channel channel;
    private ChannelHandlerContext context;
    private long nextSequence = 1;
    private boolean streaming;
    private boolean paced;

    /** {@code sentAtNanos} is when the batch was due when paced, when it was written otherwise. */
    private record SentBatch(long lastSequence, int events, long sentAtNanos) {}

    SimulatedAgent(AgentCredential credential, Workload workload, FleetStats stats) {
        this.credential = credential;
        this.workload = workload;
        this.stats = stats;
    }

    /** Completes when the server accepted this agent's hello; fails if the connection or handshake did not get that far. */
    CompletableFuture<Void> accepted() {
        return accepted;
    }

    /**
     * Starts streaming; the future completes when every event has been acknowledged. With a
     * {@code batchIntervalNanos} of zero the agent sends as fast as acknowledgements allow;
     * otherwise it sends one batch per interval from a random phase, and a batch's latency runs
     * from when it was due, so a server that falls behind cannot hide it by slowing the sender.
     */
    CompletableFuture<Void> stream(long batchIntervalNanos) {
        Channel current = channel;
        if (current == null || !accepted.isDone() || accepted.isCompletedExceptionally()) {
            finished.completeExceptionally(new IllegalStateException("agent " + credential.agentId() + " is not connected"));
        } else {
            current.eventLoop().execute(() -> {
                streaming = true;
                if (batchIntervalNanos > 0) {
                    paced = true;
                    long phase = ThreadLocalRandom.current().nextLong(batchIntervalNanos);
                    scheduleBatch(System.nanoTime() + phase, batchIntervalNanos);
                } else {
                    sendWhileRoomOrFail();
                }
            });
        }
        return finished;
    }

    /** The hello was accepted and the connection is still open. */
    boolean isHeld() {
        Channel current = channel;
        return accepted.isDone() && !accepted.isCompletedExceptionally() && current != null && current.isActive();
    }

    /** The TCP connection could not even be opened. */
    void connectFailed(Throwable cause) {
        stats.problem("connect failed: " + Errors.rootMessage(cause));
        accepted.completeExceptionally(cause);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            onHandshake(ctx, handshake);
        } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(Envelope.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSentAtEpochMs(System.currentTimeMillis())).build());
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        if (!handshake.isSuccess()) {
            stats.handshakeFailures.increment();
            stats.problem("TLS handshake failed: " + Errors.rootMessage(handshake.cause()));
            accepted.completeExceptionally(handshake.cause());
            ctx.close();
            return;
        }
        stats.handshakeCompleted(NegotiatedGroup.of(ctx.pipeline().get(SslHandler.class)));
        ctx.writeAndFlush(Envelope.newBuilder().setHello(Hello.newBuilder()
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setAgentId(credential.agentId())
                .setAgentVersion(AGENT_VERSION)
                .setOs(OsFacts.newBuilder().setHostname("loadgen-" + credential.agentId().substring(0, 8))
                        .setOsName("Debian GNU/Linux").setOsVersion("12").setKernel("6.1.0").setArchitecture("amd64"))).build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
        switch (envelope.getBodyCase()) {
            case HELLO_ACCEPTED -> onHelloAccepted(ctx, envelope.getHelloAccepted().getHeartbeatIntervalSeconds(),
                    envelope.getHelloAccepted().getHighestStoredSequence());
            case ACK -> onAck(envelope.getAck().getHighestStoredSequence());
            case NOTICE -> {
                stats.serverNotices.increment();
                stats.problem("server notice " + envelope.getNotice().getCode() + ": " + envelope.getNotice().getMessage());
            }
            case POLICY_BUNDLE -> onPolicyBundle(ctx, envelope.getPolicyBundle().getVersion());
            default -> {
                // Heartbeats need no answer.
            }
        }
    }

    private void onHelloAccepted(ChannelHandlerContext ctx, int heartbeatSeconds, long highestStored) {
        // Writer-idle heartbeats, as the real agent sends them; in front of this handler so our writes reset it.
        ctx.pipeline().addBefore(ctx.name(), "heartbeat", new IdleStateHandler(0, Math.max(1, heartbeatSeconds), 0, TimeUnit.SECONDS));
        nextSequence = highestStored + 1;
        stats.hellosAccepted.increment();
        accepted.complete(null);
    }

    /**
     * Accepts every bundle without checking its signatures: the fan-out benchmark measures the
     * server's side, and ten thousand verifications in this one process would be serialised on
     * its two threads where real agents verify in parallel on their own machines.
     */
    private void onPolicyBundle(ChannelHandlerContext ctx, long version) {
        stats.policyReceived(version, System.nanoTime());
        ctx.writeAndFlush(Envelope.newBuilder().setPolicyStatus(PolicyStatus.newBuilder()
                .setRunningVersion(version).setOfferedVersion(version).setAccepted(true)).build());
    }

    private void onAck(long highestStored) {
        long now = System.nanoTime();
        while (!inFlight.isEmpty() && inFlight.peekFirst().lastSequence() <= highestStored) {
            SentBatch batch = inFlight.pollFirst();
            stats.acknowledged(batch.events(), batch.sentAtNanos(), now);
        }
        if (highestStored >= workload.eventsPerAgent() && inFlight.isEmpty()) {
            finished.complete(null);
        } else if (streaming) {
            sendWhileRoomOrFail();
        }
    }

    private void scheduleBatch(long dueAtNanos, long intervalNanos) {
        context.executor().schedule(() -> {
            dueAt.addLast(dueAtNanos);
            sendWhileRoomOrFail();
            if (nextSequence + (long) dueAt.size() * workload.batchSize() <= workload.eventsPerAgent()) {
                // Fixed rate: the next batch is due one interval after this one was due, not after it was sent.
                scheduleBatch(dueAtNanos + intervalNanos, intervalNanos);
            }
        }, Math.max(0, dueAtNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A failure here must end this agent's stream visibly, not leave the run waiting on it until the timeout. */
    private void sendWhileRoomOrFail() {
        try {
            sendWhileRoom();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a class missing at run time (a jar rebuilt under a running benchmark) would otherwise hang the run.
            stats.problem("agent " + credential.agentId() + " could not send: " + Errors.rootMessage(e));
            finished.completeExceptionally(e);
            context.close();
        }
    }

    private void sendWhileRoom() {
        boolean wrote = false;
        while (inFlight.size() < workload.maxBatchesInFlight() && nextSequence <= workload.eventsPerAgent()
                && (!paced || !dueAt.isEmpty())) {
            int events = (int) Math.min(workload.batchSize(), workload.eventsPerAgent() - nextSequence + 1);
            context.write(Envelope.newBuilder()
                    .setEventBatch(BenchEvents.batch(nextSequence, events, System.currentTimeMillis())).build());
            nextSequence += events;
            long now = System.nanoTime();
            inFlight.addLast(new SentBatch(nextSequence - 1, events, paced ? dueAt.pollFirst() : now));
            stats.sent(events, now);
            wrote = true;
        }
        if (wrote) {
            context.flush();
        } else if (inFlight.isEmpty() && nextSequence > workload.eventsPerAgent()) {
            finished.complete(null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!accepted.isDone()) {
            stats.problem("connection closed before the hello was accepted");
            accepted.completeExceptionally(
                    new IllegalStateException("agent " + credential.agentId() + ": connection closed before hello accepted"));
        } else if (!finished.isDone()) {
            stats.unexpectedDisconnects.increment();
            finished.completeExceptionally(new IllegalStateException("agent " + credential.agentId() + ": connection closed with "
                    + inFlight.size() + " batches unacknowledged"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.problem("agent " + credential.agentId() + ": " + Errors.rootMessage(cause));
        ctx.close();
    }
}
