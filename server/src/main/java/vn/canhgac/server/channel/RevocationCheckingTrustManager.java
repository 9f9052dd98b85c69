package vn.canhgac.server.channel;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks agent certificates: first the PKIX chain to the server's CA, then that the
 * certificate's serial is not revoked. The revoked-serial predicate is consulted on every
 * handshake, so a revocation takes effect for the next connection without a restart.
 */
final class RevocationCheckingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final Predicate<String> isRevokedSerialHex;

    RevocationCheckingTrustManager(X509ExtendedTrustManager pkix, Predicate<String> isRevokedSerialHex) {
        this.pkix = pkix;
        this.isRevokedSerialHex = isRevokedSerialHex;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        refuseRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        refuseRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        refuseRevoked(chain);
    }

    private void refuseRevoked(X509Certificate[] chain) throws CertificateException {
        String serial = chain[0].getSerialNumber().toString(16);
        if (isRevokedSerialHex.test(serial)) {
            throw new CertificateException("agent certificate " + serial + " (" + chain[0].getSubjectX500Principal().getName() + ") is revoked");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the agent channel trust manager only checks agents");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the agent channel trust manager only checks agents");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the agent channel trust manager only checks agents");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
