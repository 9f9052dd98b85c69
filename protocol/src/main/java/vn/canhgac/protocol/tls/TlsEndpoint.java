package vn.canhgac.protocol.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * One side of a TLS 1.3 connection, built on Bouncy Castle's JSSE provider so that the hybrid
 * post-quantum group can be negotiated. Every engine it makes is TLS 1.3 only, with the named
 * groups of its {@link TlsSettings}; servers with a client trust manager require a client
 * certificate, clients check the server's name against its certificate.
 *
 * <p>Key managers come from BCJSSE itself: Netty's own key/certificate builder would hand BCJSSE a
 * JDK key manager it cannot use.
 */
public final class TlsEndpoint {

    private static final String TLS13 = "TLSv1.3";
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private final SSLContext context;
    private final TlsSettings settings;
    private final boolean client;
    private final boolean requireClientCertificate;

    private TlsEndpoint(SSLContext context, TlsSettings settings, boolean client, boolean requireClientCertificate) {
        this.context = context;
        this.settings = settings;
        this.client = client;
        this.requireClientCertificate = requireClientCertificate;
    }

    /**
     * A server endpoint. With a client trust manager the server requires a client certificate
     * it accepts; without one (the enrolment port) it authenticates only itself.
     */
    public static TlsEndpoint server(KeyMaterial identity, Optional<X509ExtendedTrustManager> clientTrust, TlsSettings settings) {
        SSLContext context = newContext(Optional.of(identity), clientTrust);
        return new TlsEndpoint(context, settings, false, clientTrust.isPresent());
    }

    /** A client endpoint; the identity is empty only for enrolment, before the agent has a certificate. */
    public static TlsEndpoint client(Optional<KeyMaterial> identity, X509ExtendedTrustManager serverTrust, TlsSettings settings) {
        SSLContext context = newContext(identity, Optional.of(serverTrust));
        return new TlsEndpoint(context, settings, true, false);
    }

    /** A new handler for one connection; {@code peerHost} is what the client checks the server certificate against. */
    public SslHandler newHandler(ByteBufAllocator allocator, String peerHost, int peerPort) {
        SSLEngine engine = client ? context.createSSLEngine(peerHost, peerPort) : context.createSSLEngine();
        engine.setUseClientMode(client);
        BCSSLParameters parameters = new BCSSLParameters();
        parameters.setProtocols(new String[] {TLS13});
        parameters.setNamedGroups(settings.namedGroups().toArray(String[]::new));
        if (client) {
            parameters.setEarlyKeyShares(new String[] {settings.earlyKeyShare()});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        } else {
            parameters.setNeedClientAuth(requireClientCertificate);
            parameters.setUseNamedGroupsOrder(true);
        }
        ((BCSSLEngine) engine).setParameters(parameters);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(10_000);
        return handler;
    }

    public TlsSettings settings() {
        return settings;
    }

    private static SSLContext newContext(Optional<KeyMaterial> identity, Optional<X509ExtendedTrustManager> trust) {
        try {
            KeyManager[] keyManagers = null;
            if (identity.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("identity", identity.get().key(), IN_MEMORY_PASSWORD,
                        identity.get().chain().toArray(java.security.cert.X509Certificate[]::new));
                KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", Providers.jsse());
                factory.init(store, IN_MEMORY_PASSWORD);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance(TLS13, Providers.jsse());
            context.init(keyManagers, trust.map(t -> new javax.net.ssl.TrustManager[] {t}).orElse(null), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS 1.3 with Bouncy Castle JSSE: " + e.getMessage(), e);
        }
    }
}
