package vn.canhgac.protocol.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust on first use, done safely: the agent knows only the SHA-256 fingerprint of the server's
 * CA (it came with the enrolment token). The server must present that CA in its chain; the
 * chain is then checked by PKIX against it, host name included. The CA that matched is kept so
 * the agent can store it as its trust anchor.
 */
public final class PinnedCaTrustManager extends X509ExtendedTrustManager {

    private final String pinnedSha256Hex;
    private final AtomicReference<X509Certificate> matchedCa = new AtomicReference<>();

    public PinnedCaTrustManager(String pinnedSha256Hex) {
        if (!pinnedSha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("CA fingerprint must be 64 lower-case hex digits (SHA-256)");
        }
        this.pinnedSha256Hex = pinnedSha256Hex;
    }

    public Optional<X509Certificate> matchedCa() {
        return Optional.ofNullable(matchedCa.get());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType);
    }

    private X509ExtendedTrustManager delegateFor(X509Certificate[] chain) throws CertificateException {
        for (X509Certificate certificate : chain) {
            if (Fingerprints.sha256Hex(certificate).equals(pinnedSha256Hex)) {
                matchedCa.set(certificate);
                return TrustManagers.trusting(List.of(certificate));
            }
        }
        throw new CertificateException("the server did not present the CA with fingerprint " + Fingerprints.display(pinnedSha256Hex)
                + " that the enrolment token names: check the --server address and the token");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a pinned-CA trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a pinned-CA trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned-CA trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
