package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.EnrollmentException;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.ServerNotice;
import vn.canhgac.server.pki.CertificateAuthority;

/**
 * Everything the server must refuse, each with a clear reason and nothing already stored harmed.
 * One server for the class; a good agent stores events first, and the last check proves they
 * are all still there, exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Path directory;
    private final MutableClock clock = new MutableClock();
    private TestServer server;
    private AgentIdentity good;
    private long storedBefore;

    @BeforeAll
    void startServerAndStoreSomeEvents(@TempDir Path temporary) {
        directory = temporary;
        server = TestServer.start(directory, clock);
        Path state = directory.resolve("good-agent");
        good = TestAgents.enroll(server.enrollmentAddress(), server.token("internet-workstation"), state);
        try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), clock)) {
            for (int i = 0; i < 100; i++) {
                agent.record("test.event", EventSeverity.INFO, Map.of("n", i));
            }
            Await.until(WAIT, () -> agent.outbox().size() == 0, () -> "outbox " + agent.outbox().size());
        }
        storedBefore = server.server.database().events().count(Optional.empty());
    }

    @AfterAll
    void storedEventsSurviveEveryRefusal() {
        var events = server.server.database().events();
        try {
            assertEquals(storedBefore, events.count(Optional.empty()));
            assertEquals(storedBefore, events.countDistinct(good.agentId()));
        } finally {
            server.close();
        }
    }

    private RawClient connectAs(Optional<KeyMaterial> identity) {
        return RawClient.tls(server.server.channel().localAddress(), identity, server.server.ca().certificate());
    }

    private static ServerNotice onlyNotice(RawClient client) {
        List<Envelope> frames = client.awaitFrames(1, WAIT);
        assertTrue(frames.getFirst().hasNotice(), "expected a notice, got " + frames);
        assertTrue(frames.getFirst().getNotice().getClosing());
        assertTrue(client.closedWithin(WAIT), "the server closes after a refusal");
        return frames.getFirst().getNotice();
    }

    @Test
    void certificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
        CertificateAuthority other = CertificateAuthority.create(directory.resolve("other-ca"), "Other", Clock.systemUTC(), new SecureRandom());
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keys.getPrivate())).getEncoded();
        var certificate = other.signAgentRequest(csr, good.agentId(), Duration.ofDays(1));
        long failures = server.server.channel().metrics().handshakeFailures();
        try (RawClient client = connectAs(Optional.of(new KeyMaterial(keys.getPrivate(), List.of(certificate, other.certificate()))))) {
            client.send(hello(good.agentId(), 1));
            assertTrue(client.closedWithin(WAIT));
            assertTrue(client.received().isEmpty(), "no reply to a client the server does not trust");
        }
        Await.until(WAIT, () -> server.server.channel().metrics().handshakeFailures() > failures, () -> "no handshake failure recorded");
    }

    @Test
    void certificateFromARogueCaWithTheSameNameIsRefusedOnItsSignature() throws Exception {
        long failures = server.server.channel().metrics().handshakeFailures();
        KeyMaterial rogue = RogueCertificates.agentIdentityImitating(server.server.ca().certificate(), good.agentId());
        try (RawClient client = connectAs(Optional.of(rogue))) {
            client.send(hello(good.agentId(), 1));
            assertTrue(client.closedWithin(WAIT));
            assertTrue(client.received().isEmpty());
        }
        Await.until(WAIT, () -> server.server.channel().metrics().handshakeFailures() > failures, () -> "no handshake failure recorded");
    }

    @Test
    void revokedAgentIsRefusedAtTheHandshake() throws Exception {
        Path state = directory.resolve("revoked-agent");
        AgentIdentity revoked = TestAgents.enroll(server.enrollmentAddress(), server.token("mdm-host"), state);
        assertTrue(server.server.agents().revoke(revoked.agentId()));
        long failures = server.server.channel().metrics().handshakeFailures();
        try (RawClient client = connectAs(Optional.of(revoked.keyMaterial()))) {
            client.send(hello(revoked.agentId(), 1));
            assertTrue(client.closedWithin(WAIT));
            assertTrue(client.received().isEmpty());
        }
        Await.until(WAIT, () -> server.server.channel().metrics().handshakeFailures() > failures, () -> "no handshake failure recorded");
    }

    @Test
    void reusedTokenIsRefusedWithWhenItWasUsed() {
        String token = server.token("internal-workstation");
        TestAgents.enroll(server.enrollmentAddress(), token, directory.resolve("first"));
        EnrollmentException refused = assertThrows(EnrollmentException.class,
                () -> TestAgents.enroll(server.enrollmentAddress(), token, directory.resolve("second")));
        assertTrue(refused.getMessage().contains("already used"), refused.getMessage());
        assertFalse(AgentIdentity.existsIn(directory.resolve("second")), "nothing stored for a refused enrolment");
    }

    @Test
    void expiredTokenIsRefused() {
        TestServer.unit(server.server, "Phuong 1");
        var issued = server.server.tokens().create("Phuong 1", "internal-workstation", Duration.ofMinutes(5));
        String token = new EnrollmentTokenCode(issued.secret(), server.server.ca().fingerprint()).format();
        clock.advance(Duration.ofMinutes(6));
        EnrollmentException refused = assertThrows(EnrollmentException.class,
                () -> TestAgents.enroll(server.enrollmentAddress(), token, directory.resolve("late")));
        assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
    }

    @Test
    void unknownTokenIsRefused() {
        String forged = new EnrollmentTokenCode("A".repeat(43), server.server.ca().fingerprint()).format();
        EnrollmentException refused = assertThrows(EnrollmentException.class,
                () -> TestAgents.enroll(server.enrollmentAddress(), forged, directory.resolve("forged")));
        assertTrue(refused.getMessage().contains("unknown enrolment token"), refused.getMessage());
    }

    @Test
    void tokenPinningAnotherCaNeverReachesTheServer() {
        String wrongPin = new EnrollmentTokenCode("B".repeat(43), "0".repeat(64)).format();
        EnrollmentException refused = assertThrows(EnrollmentException.class,
                () -> TestAgents.enroll(server.enrollmentAddress(), wrongPin, directory.resolve("wrong-pin")));
        assertTrue(refused.getMessage().contains("fingerprint"), refused.getMessage());
    }

    @Test
    void frameOverTheMaximumSizeIsRefused() throws Exception {
        try (RawClient client = connectAs(Optional.of(good.keyMaterial()))) {
            assertTrue(client.handshakeSucceeded());
            client.sendRaw(java.nio.ByteBuffer.allocate(4).putInt(FrameLimits.MAX_FRAME_BYTES + 1).array());
            assertEquals(ServerNotice.Code.FRAME_TOO_LARGE, onlyNotice(client).getCode());
        }
    }

    @Test
    void frameThatIsNotAMessageIsRefused() throws Exception {
        try (RawClient client = connectAs(Optional.of(good.keyMaterial()))) {
            assertTrue(client.handshakeSucceeded());
            client.sendFrame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x01});
            assertEquals(ServerNotice.Code.MALFORMED_MESSAGE, onlyNotice(client).getCode());
        }
    }

    @Test
    void helloWithAnUnsupportedProtocolVersionGetsAnExplicitRefusal() throws Exception {
        try (RawClient client = connectAs(Optional.of(good.keyMaterial()))) {
            assertTrue(client.handshakeSucceeded());
            client.send(hello(good.agentId(), 99));
            ServerNotice notice = onlyNotice(client);
            assertEquals(ServerNotice.Code.UNSUPPORTED_PROTOCOL_VERSION, notice.getCode());
            assertEquals(1, notice.getSupportedProtocolVersion());
            assertTrue(notice.getMessage().contains("99"), notice.getMessage());
        }
    }

    @Test
    void helloForAnotherAgentThanTheCertificateIsRefused() throws Exception {
        try (RawClient client = connectAs(Optional.of(good.keyMaterial()))) {
            assertTrue(client.handshakeSucceeded());
            client.send(hello("someone-else", 1));
            assertEquals(ServerNotice.Code.AGENT_ID_MISMATCH, onlyNotice(client).getCode());
        }
    }

    @Test
    void batchBeforeHelloIsRefused() throws Exception {
        try (RawClient client = connectAs(Optional.of(good.keyMaterial()))) {
            assertTrue(client.handshakeSucceeded());
            client.send(Envelope.newBuilder().setEventBatch(vn.canhgac.protocol.v1.EventBatch.getDefaultInstance()).build());
            assertEquals(ServerNotice.Code.HELLO_REQUIRED, onlyNotice(client).getCode());
        }
    }

    @Test
    void plainTextClientIsClosedAndRecorded() {
        long failures = server.server.channel().metrics().handshakeFailures();
        try (RawClient client = RawClient.plain(server.server.channel().localAddress())) {
            client.sendRaw("GET / HTTP/1.1\r\nHost: canhgac\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.closedWithin(WAIT));
            assertTrue(client.received().isEmpty());
        }
        Await.until(WAIT, () -> server.server.channel().metrics().handshakeFailures() > failures, () -> "no failure recorded");
    }

    private static Envelope hello(String agentId, int version) {
        return Envelope.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(version).setAgentId(agentId).setAgentVersion("test")).build();
    }
}
