package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate the CA issued to an agent, as the store keeps it.
 *
 * @param serial lower-case hex
 * @param der    the certificate exactly as issued
 */
public record IssuedCertificate(String serial, String agentId, Instant notBefore, Instant notAfter, byte[] der,
                                Optional<Instant> revokedAt) {
    public IssuedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        der = Objects.requireNonNull(der, "der").clone();
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
