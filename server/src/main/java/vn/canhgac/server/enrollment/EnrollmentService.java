package vn.canhgac.server.enrollment;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.store.sqlite.SqliteAgentStore;

/**
 * Turns a one-time token and a certification request into an enrolled agent. The request is
 * checked and signed before the token is spent, so a malformed request does not burn a token;
 * the certificate is only released after the token was redeemed atomically.
 */
public final class EnrollmentService {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);

    private final TokenService tokens;
    private final SqliteAgentStore agents;
    private final CertificateAuthority ca;
    private final Clock clock;
    private final Duration certificateValidity;
    private final VerifyingKeys policyKeys;

    public EnrollmentService(TokenService tokens, SqliteAgentStore agents, CertificateAuthority ca, VerifyingKeys policyKeys,
                             Clock clock, Duration certificateValidity) {
        this.tokens = tokens;
        this.agents = agents;
        this.ca = ca;
        this.clock = clock;
        this.certificateValidity = certificateValidity;
        this.policyKeys = policyKeys;
    }

    public record Enrolled(String agentId, String unit, String role, X509Certificate certificate) {}

    /** Enrols or throws {@link EnrollmentRefused} with a message meant for the person enrolling. */
    public Enrolled enroll(String tokenSecret, byte[] csrDer) {
        String agentId = UUID.randomUUID().toString();
        X509Certificate certificate = ca.signAgentRequest(csrDer, agentId, certificateValidity);
        TokenRedemption redemption = tokens.redeem(tokenSecret, agentId);
        var token = switch (redemption) {
            case TokenRedemption.Redeemed redeemed -> redeemed.token();
            case TokenRedemption.Unknown unknown -> throw refused("unknown enrolment token; ask your security officer for a new one");
            case TokenRedemption.AlreadyUsed used -> throw refused("this enrolment token was already used at " + used.usedAt()
                    + "; tokens are single-use, ask for a new one");
            case TokenRedemption.Expired expired -> throw refused("this enrolment token expired at " + expired.expiresAt()
                    + "; ask for a new one");
            case TokenRedemption.Revoked revoked -> throw refused("this enrolment token was revoked at " + revoked.revokedAt());
        };
        String serial = serialHex(certificate.getSerialNumber());
        agents.insert(AgentRecord.enrolled(agentId, token.unit(), token.role(), serial, certificate.getNotAfter().toInstant(),
                clock.instant()));
        try {
            agents.insertCertificate(serial, agentId, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                    certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we just issued cannot be encoded", e);
        }
        log.info("event=agent.enrolled agent={} unit=\"{}\" role={} token={} serial={}", agentId, token.unit(), token.role(), token.id(), serial);
        return new Enrolled(agentId, token.unit(), token.role(), certificate);
    }

    /** The keys policy bundles are signed with; every agent receives their public halves at enrolment. */
    public VerifyingKeys policyKeys() {
        return policyKeys;
    }

    public java.util.List<X509Certificate> caChain() {
        return java.util.List.of(ca.certificate());
    }

    public static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    private static EnrollmentRefused refused(String message) {
        return new EnrollmentRefused(message);
    }
}
