package vn.canhgac.agent.channel;

import vn.canhgac.protocol.BuildInfo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.tls.NegotiatedGroup;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Heartbeat;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.protocol.v1.PolicyStatus;
import vn.canhgac.protocol.v1.ServerCommand;
import vn.canhgac.protocol.v1.ServerNotice;

/** The agent's side of one connection: hello, then acknowledgements, heartbeats, notices and policy bundles. */
final class AgentSessionHandler extends SimpleChannelInboundHandler<Envelope> {

    private static final Logger log = LoggerFactory.getLogger(AgentSessionHandler.class);

    private final String agentId;
    private final Outbox outbox;
    private final OsFacts facts;
    private final OutboxPump pump;
    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<String> negotiatedGroup;
    private final ServerCommands commands;
    private final SignedPolicies policies;

    AgentSessionHandler(String agentId, Outbox outbox, OsFacts facts, OutboxPump pump, Backoff backoff, Clock clock,
                        Consumer<String> negotiatedGroup, ServerCommands commands, SignedPolicies policies) {
        this.agentId = agentId;
        this.outbox = outbox;
        this.facts = facts;
        this.pump = pump;
        this.backoff = backoff;
        this.clock = clock;
        this.negotiatedGroup = negotiatedGroup;
        this.commands = commands;
        this.policies = policies;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                String group = NegotiatedGroup.of(ssl);
                negotiatedGroup.accept(group);
                log.info("event=tls.handshake server={} protocol={} cipher={} group={}", ctx.channel().remoteAddress(),
                        ssl.engine().getSession().getProtocol(), ssl.engine().getSession().getCipherSuite(), group);
                ctx.writeAndFlush(hello());
            } else {
                log.warn("event=tls.handshake_failed server={} reason=\"{}\"", ctx.channel().remoteAddress(), Errors.rootMessage(handshake.cause()));
                ctx.close();
            }
        } else if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                log.info("event=channel.server_silent action=reconnect");
                ctx.close();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Envelope.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setSentAtEpochMs(clock.millis())
                        .setOutboxBacklog(outbox.size())
                        .setDroppedEventsTotal(outbox.droppedTotal())).build());
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    Envelope hello() {
        return Envelope.newBuilder().setHello(Hello.newBuilder()
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setAgentId(agentId)
                .setAgentVersion(BuildInfo.version())
                .setOs(vn.canhgac.protocol.v1.OsFacts.newBuilder()
                        .setHostname(facts.hostname()).setOsName(facts.osName()).setOsVersion(facts.osVersion())
                        .setKernel(facts.kernel()).setArchitecture(facts.architecture()).setMachineId(facts.machineId()))
                .setOutboxBacklog(outbox.size())
                .setDroppedEventsTotal(outbox.droppedTotal())
                .setPolicyVersion(policies.runningVersion())).build();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
        switch (envelope.getBodyCase()) {
            case HELLO_ACCEPTED -> {
                backoff.reset();
                log.info("event=channel.ready server_version={} server_holds_up_to={}", envelope.getHelloAccepted().getServerVersion(),
                        envelope.getHelloAccepted().getHighestStoredSequence());
                pump.helloAccepted(envelope.getHelloAccepted().getHighestStoredSequence());
            }
            case ACK -> pump.acknowledged(envelope.getAck().getHighestStoredSequence());
            case HEARTBEAT -> log.trace("event=channel.server_heartbeat");
            case COMMAND -> onCommand(envelope.getCommand());
            case NOTICE -> onNotice(envelope.getNotice());
            case POLICY_BUNDLE -> onPolicyBundle(ctx, envelope.getPolicyBundle());
            default -> log.warn("event=channel.unexpected_message type={}", envelope.getBodyCase());
        }
    }

    /** Verifying, storing (fsync) and recording take milliseconds of disk: done on the outbox thread, answered from there. */
    private void onPolicyBundle(ChannelHandlerContext ctx, PolicyBundle bundle) {
        pump.runThenPump(() -> {
            SignedPolicies.Answer answer;
            try {
                answer = policies.offer(bundle);
            } catch (RuntimeException e) {
                // The outbox could not take the event (a full or failing disk): the server still gets an answer.
                log.error("event=policy.offer_failed offered_version={} reason=\"{}\"", Long.toUnsignedString(bundle.getVersion()),
                        Errors.rootMessage(e));
                answer = new SignedPolicies.Answer(policies.runningVersion(), false,
                        "the agent could not process the bundle: " + Errors.rootMessage(e), bundle.getVersion());
            }
            ctx.writeAndFlush(Envelope.newBuilder().setPolicyStatus(PolicyStatus.newBuilder()
                    .setRunningVersion(answer.runningVersion())
                    .setAccepted(answer.accepted())
                    .setReason(answer.reason())
                    .setOfferedVersion(answer.offeredVersion())).build());
        });
    }

    private void onCommand(ServerCommand command) {
        switch (command.getKind()) {
            case RESEND_INVENTORY -> commands.dispatch(ServerCommands.Kind.RESEND_INVENTORY, command.getId());
            default -> log.warn("event=command.unknown kind={} id={}", command.getKindValue(), command.getId());
        }
    }

    private void onNotice(ServerNotice notice) {
        if (notice.getCode() == ServerNotice.Code.INFO) {
            log.info("event=channel.server_notice message=\"{}\"", notice.getMessage());
        } else {
            log.warn("event=channel.refused code={} message=\"{}\"", notice.getCode(), notice.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("event=channel.error reason=\"{}\"", Errors.rootMessage(cause));
        ctx.close();
    }
}
