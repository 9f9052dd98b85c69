package vn.canhgac.server.soc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import vn.canhgac.protocol.tls.Pem;

/**
 * TLS to a SOC receiver: TLS 1.3 only, trusting exactly the destination's CA file, checking the
 * receiver's name (or IP address) against its certificate, and presenting the client certificate
 * when one is configured. The JDK's own TLS is used, not the hybrid post-quantum setup of the
 * agent channel: SIEM receivers (rsyslog with GnuTLS) do not offer ML-KEM yet.
 */
final class SocTls {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();
    static final String TLS13 = "TLSv1.3";

    private SocTls() {}

    /** @throws IllegalArgumentException naming the destination and the file that could not be used */
    static SSLContext context(SocDestination destination) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            List<X509Certificate> anchors = Pem.readCertificates(destination.caFile().orElseThrow());
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException(destination.caFile().get() + " holds no certificate");
            }
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
            trustFactory.init(trust);
            KeyManagerFactory keyFactory = null;
            if (destination.clientCertificate().isPresent()) {
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", Pem.readPrivateKey(destination.clientKey().orElseThrow()), IN_MEMORY_PASSWORD,
                        Pem.readCertificates(destination.clientCertificate().get()).toArray(X509Certificate[]::new));
                keyFactory = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
                keyFactory.init(identity, IN_MEMORY_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance(TLS13, "SunJSSE");
            context.init(keyFactory == null ? null : keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalArgumentException("SOC destination " + destination.name() + ": cannot set up TLS from caFile "
                    + destination.caFile().orElseThrow() + destination.clientCertificate().map(c -> " and clientCertificate " + c).orElse("")
                    + ": " + e.getMessage() + "; check that the files exist, are readable by the server and hold PEM", e);
        }
    }

    /** TLS 1.3 only, and the receiver's certificate must name the host we connect to. */
    static SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {TLS13});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
