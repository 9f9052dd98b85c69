package vn.canhgac.server.enrollment;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.security.cert.CertificateEncodingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.v1.EnrollRequest;
import vn.canhgac.protocol.v1.EnrollResponse;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.ServerNotice;
import vn.canhgac.server.pki.CertificateRequestException;

/** Answers one enrolment request; the token itself is never logged. */
final class EnrollmentHandler extends SimpleChannelInboundHandler<Envelope> {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentHandler.class);

    private final EnrollmentService enrollment;
    private final Executor blockingWork;
    private final InetSocketAddress advertisedChannel;
    private boolean answered;

    EnrollmentHandler(EnrollmentService enrollment, Executor blockingWork, InetSocketAddress advertisedChannel) {
        this.enrollment = enrollment;
        this.blockingWork = blockingWork;
        this.advertisedChannel = advertisedChannel;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
        if (answered) {
            return;
        }
        answered = true;
        ctx.channel().config().setAutoRead(false);
        if (!envelope.hasEnrollRequest()) {
            refuse(ctx, "expected an enrolment request (got " + envelope.getBodyCase() + ")");
            return;
        }
        EnrollRequest request = envelope.getEnrollRequest();
        if (!ProtocolVersion.isSupported(request.getProtocolVersion())) {
            refuse(ctx, ProtocolVersion.refusal(request.getProtocolVersion()));
            return;
        }
        CompletableFuture.supplyAsync(() -> enrollment.enroll(request.getToken(), request.getCsrDer().toByteArray()), blockingWork)
                .whenComplete((enrolled, failure) -> ctx.executor().execute(() -> {
                    if (failure == null) {
                        respond(ctx, enrolled);
                    } else {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof EnrollmentRefused || cause instanceof CertificateRequestException) {
                            refuse(ctx, cause.getMessage());
                        } else {
                            log.error("event=enrollment.failed remote={} reason=\"{}\"", ctx.channel().remoteAddress(), cause.toString(), cause);
                            refuse(ctx, "the server could not complete enrolment; try again later");
                        }
                    }
                }));
    }

    private void respond(ChannelHandlerContext ctx, EnrollmentService.Enrolled enrolled) {
        try {
            EnrollResponse.Builder response = EnrollResponse.newBuilder()
                    .setAgentId(enrolled.agentId())
                    .setUnit(enrolled.unit())
                    .setRole(enrolled.role())
                    .setCertificateDer(ByteString.copyFrom(enrolled.certificate().getEncoded()))
                    .setChannelHost(advertisedChannel.getHostString())
                    .setChannelPort(advertisedChannel.getPort())
                    .setPolicyEd25519PublicKey(ByteString.copyFrom(enrollment.policyKeys().ed25519().getEncoded()))
                    .setPolicyMlDsa65PublicKey(ByteString.copyFrom(enrollment.policyKeys().mlDsa65().getEncoded()));
            for (var certificate : enrollment.caChain()) {
                response.addCaChainDer(ByteString.copyFrom(certificate.getEncoded()));
            }
            ctx.writeAndFlush(Envelope.newBuilder().setEnrollResponse(response).build()).addListener(ChannelFutureListener.CLOSE);
        } catch (CertificateEncodingException e) {
            refuse(ctx, "the server could not encode the certificate; try again later");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String message) {
        log.warn("event=enrollment.refused remote={} reason=\"{}\"", ctx.channel().remoteAddress(), message);
        ctx.writeAndFlush(Envelope.newBuilder().setNotice(ServerNotice.newBuilder()
                .setCode(ServerNotice.Code.ENROLLMENT_REFUSED).setMessage(message).setClosing(true)
                .setSupportedProtocolVersion(ProtocolVersion.CURRENT)).build()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("event=enrollment.connection_error remote={} reason=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
