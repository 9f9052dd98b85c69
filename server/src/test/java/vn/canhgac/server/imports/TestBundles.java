package vn.canhgac.server.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import vn.canhgac.protocol.bundle.SignedBundleWriter;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.Severity;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.sqlite.SqliteAgentStore;

/** Agents enrolled through the real enrolment service, and bundle files signed with their keys (or anyone's). */
public final class TestBundles {

    /** An enrolled agent as it holds itself: id, private key, certificate. */
    public record Agent(String id, PrivateKey key, X509Certificate certificate) {}

    private static final Instant OCCURRED = Instant.parse("2026-11-02T07:00:00Z");

    private TestBundles() {}

    /** Token, PKCS#10 request, CA signature, agent and certificate rows: what `canhgac-agent enroll` does to the server. */
    public static Agent enrol(TokenService tokens, SqliteAgentStore agents, CertificateAuthority ca) throws Exception {
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        String secret = tokens.create(vn.canhgac.server.testing.TestUnits.SO_NOI_VU, "secret-workstation", Duration.ofHours(1)).secret();
        EnrollmentService.Enrolled enrolled = new EnrollmentService(tokens, agents, ca, SigningKeys.generate(new SecureRandom()).verifying(), Clock.systemUTC(), Duration.ofDays(365))
                .enroll(secret, csr(keys));
        return new Agent(enrolled.agentId(), keys.getPrivate(), enrolled.certificate());
    }

    /** A PKCS#10 request for these keys, as the agent sends it. */
    public static byte[] csr(KeyPair keys) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=agent"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keys.getPrivate())).getEncoded();
    }

    /** The agent's own bundle of events {@code first..first+count-1}; every third one is a violation. */
    public static Path bundle(Path directory, Agent agent, long first, int count) throws Exception {
        return bundle(directory, agent.id(), agent.key(), agent.certificate(), first, count, "usb.connected");
    }

    /** A bundle naming {@code agentId}, signed with any key and carrying any certificate, every event of {@code type} but the violations. */
    public static Path bundle(Path directory, String agentId, PrivateKey key, X509Certificate certificate, long first, int count,
                              String type) throws Exception {
        Files.createDirectories(directory);
        try (SignedBundleWriter writer = SignedBundleWriter.open(directory, agentId, key, certificate,
                SignedBundleWriter.Limits.FORMAT_MAXIMUM)) {
            for (long sequence = first; sequence < first + count; sequence++) {
                writer.add(Event.newBuilder().setSequence(sequence).setOccurredAtEpochMs(OCCURRED.plusSeconds(sequence).toEpochMilli())
                        .setType(sequence % 3 == 0 ? "usb.blocked.violation" : type)
                        .setSeverity(sequence % 3 == 0 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_INFO)
                        .setPayloadJson(com.google.protobuf.ByteString.copyFromUtf8("{\"n\":" + sequence + ",\"unit\":\"Sở Nội vụ\"}"))
                        .build());
            }
            return writer.finish(Instant.parse("2026-11-02T08:00:00Z"), 0).file();
        }
    }
}
