package vn.canhgac.agent.enroll;

import vn.canhgac.protocol.BuildInfo;
import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.PinnedCaTrustManager;
import vn.canhgac.protocol.tls.Providers;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.v1.EnrollRequest;
import vn.canhgac.protocol.v1.EnrollResponse;
import vn.canhgac.protocol.v1.Envelope;

/**
 * Enrols this machine: makes a key pair here (the private key never leaves), sends a PKCS#10
 * request with the one-time token to the enrolment port over TLS whose CA is pinned by the
 * fingerprint inside the token, and stores what comes back.
 */
public final class Enroller {

    private static final Logger log = LoggerFactory.getLogger(Enroller.class);
    private static final int TIMEOUT_SECONDS = 30;

    private final TlsSettings tls;
    private final SecureRandom random;

    public Enroller(TlsSettings tls, SecureRandom random) {
        this.tls = tls;
        this.random = random;
    }

    public AgentIdentity enroll(InetSocketAddress server, String token, OsFacts facts, Path stateDirectory) {
        if (AgentIdentity.existsIn(stateDirectory)) {
            throw new EnrollmentException("this agent is already enrolled (" + stateDirectory
                    + "); to enrol again, stop the agent and move that directory away first");
        }
        EnrollmentTokenCode code = EnrollmentTokenCode.parse(token);
        KeyPair keyPair = KeyPairs.newP256(random);
        PinnedCaTrustManager pinned = new PinnedCaTrustManager(code.caFingerprintHex());
        Envelope request = Envelope.newBuilder().setEnrollRequest(EnrollRequest.newBuilder()
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setToken(code.secret())
                .setCsrDer(ByteString.copyFrom(certificationRequest(keyPair)))
                .setAgentVersion(BuildInfo.version())
                .setOs(vn.canhgac.protocol.v1.OsFacts.newBuilder()
                        .setHostname(facts.hostname()).setOsName(facts.osName()).setOsVersion(facts.osVersion())
                        .setKernel(facts.kernel()).setArchitecture(facts.architecture()).setMachineId(facts.machineId())))
                .build();
        Envelope answer = exchange(server, TlsEndpoint.client(Optional.empty(), pinned, tls), request);
        if (answer.hasNotice()) {
            throw new EnrollmentException("the server refused enrolment: " + answer.getNotice().getMessage());
        }
        if (!answer.hasEnrollResponse()) {
            throw new EnrollmentException("the server answered with " + answer.getBodyCase() + " instead of an enrolment response");
        }
        EnrollResponse response = answer.getEnrollResponse();
        X509Certificate ca = pinned.matchedCa().orElseThrow(() -> new EnrollmentException("the server's CA was not seen during the handshake"));
        X509Certificate certificate = certificate(response.getCertificateDer());
        if (!certificate.getPublicKey().equals(keyPair.getPublic())) {
            throw new EnrollmentException("the server returned a certificate for another key; refusing it");
        }
        try {
            certificate.verify(ca.getPublicKey(), Providers.bc());
        } catch (java.security.GeneralSecurityException e) {
            throw new EnrollmentException("the returned certificate is not signed by the pinned CA: " + e.getMessage());
        }
        VerifyingKeys policyKeys = policyKeys(response);
        String channelHost = response.getChannelHost().isEmpty() ? server.getHostString() : response.getChannelHost();
        AgentIdentity identity = new AgentIdentity(response.getAgentId(), response.getUnit(), response.getRole(),
                InetSocketAddress.createUnresolved(channelHost, response.getChannelPort()),
                new KeyMaterial(keyPair.getPrivate(), List.of(certificate, ca)), ca, Optional.of(policyKeys));
        identity.save(stateDirectory);
        log.info("event=agent.enrolled agent={} unit=\"{}\" role={} channel={}:{} policy_keys={}", identity.agentId(), identity.unit(),
                identity.role(), channelHost, response.getChannelPort(), policyKeys.fingerprint());
        return identity;
    }

    /**
     * The server's policy verifying keys from the response. They arrive over the TLS connection whose CA the
     * token pins, so they are as trustworthy as the certificate; without them the agent could never accept a policy.
     */
    static VerifyingKeys policyKeys(EnrollResponse response) {
        try {
            return VerifyingKeys.fromEncoded(response.getPolicyEd25519PublicKey().toByteArray(),
                    response.getPolicyMlDsa65PublicKey().toByteArray());
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException("the server sent no valid policy signing keys (" + e.getMessage()
                    + "); nothing was stored: upgrade the server to a version that signs policies, then enrol with a new token");
        }
    }

    private byte[] certificationRequest(KeyPair keyPair) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=canhgac-agent"), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keyPair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the certification request: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(ByteString der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(der.newInput());
        } catch (CertificateException e) {
            throw new EnrollmentException("the server returned an unreadable certificate: " + e.getMessage());
        }
    }

    private Envelope exchange(InetSocketAddress server, TlsEndpoint endpoint, Envelope request) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<Envelope> answer = new CompletableFuture<>();
        try {
            new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast("tls", endpoint.newHandler(channel.alloc(), server.getHostString(), server.getPort()));
                            Framing.addTo(channel.pipeline());
                            channel.pipeline().addLast("enroll", new ExchangeHandler(request, answer));
                        }
                    })
                    .connect(server.getHostString(), server.getPort())
                    .addListener(connected -> {
                        if (!connected.isSuccess()) {
                            answer.completeExceptionally(connected.cause());
                        }
                    });
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new EnrollmentException("cannot enrol with " + server.getHostString() + ":" + server.getPort() + ": " + Errors.rootMessage(e.getCause()));
        } catch (TimeoutException e) {
            throw new EnrollmentException("no answer from " + server.getHostString() + ":" + server.getPort() + " within " + TIMEOUT_SECONDS
                    + " s: check the address and that the enrolment port is reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentException("interrupted while enrolling");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Sends the request once TLS is up; completes with the first answer or the connection's end. */
    private static final class ExchangeHandler extends SimpleChannelInboundHandler<Envelope> {
        private final Envelope request;
        private final CompletableFuture<Envelope> answer;

        ExchangeHandler(Envelope request, CompletableFuture<Envelope> answer) {
            this.request = request;
            this.answer = answer;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    ctx.writeAndFlush(request);
                } else {
                    answer.completeExceptionally(handshake.cause());
                    ctx.close();
                }
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
            answer.complete(envelope);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.completeExceptionally(new IOException("the server closed the connection without answering"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
