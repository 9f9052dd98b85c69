package vn.canhgac.server.pki;

/** A certification request the CA will not sign; the message says why, for the enrolling agent. */
public final class CertificateRequestException extends RuntimeException {
    public CertificateRequestException(String message) {
        super(message);
    }
}
