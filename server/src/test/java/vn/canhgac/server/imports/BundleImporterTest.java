package vn.canhgac.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.units.UnitService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

class BundleImporterTest {

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private SqliteDatabase database;
    private TokenService tokens;
    private AgentService agents;
    private EventIngest ingest;
    private BundleImporter importer;
    private TestBundles.Agent agent;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.create(directory.resolve("pki"), "Test", Clock.systemUTC(), new SecureRandom());
        database = SqliteDatabase.open(directory.resolve("canhgac.db"));
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU);
        tokens = new TokenService(database.tokens(), new UnitService(database.units(), Clock.systemUTC()), Clock.systemUTC(), new SecureRandom());
        agents = new AgentService(database.agents(), Clock.systemUTC(), Duration.ofMinutes(10));
        ingest = new EventIngest(database.events(), Clock.systemUTC(), 100_000);
        importer = importer(Clock.systemUTC());
        agent = TestBundles.enrol(tokens, database.agents(), ca);
    }

    @AfterEach
    void stop() {
        ingest.close();
        database.close();
    }

    @Test
    void aGenuineBundleIsStoredWithEveryEventAndItsViolations() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 10));

        ImportResult result = importer.importBundle(file, false);

        assertEquals(new ImportResult(agent.id(), 1, 10, 10, 10, 0, Instant.parse("2026-11-02T08:00:00Z"), 0, 0, result.sha256()), result);
        assertEquals(10, database.events().count(Optional.of(agent.id())));
        assertEquals(10, database.events().highestSequence(agent.id()));
        assertEquals(3, database.events().countViolations(agent.id()), "sequences 3, 6 and 9 are violations");
        StoredEvent fourth = database.events().query(new EventQuery(Optional.of(agent.id()), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 100)).get(3);
        assertEquals(4, fourth.sequence());
        assertEquals("{\"n\":4,\"unit\":\"Sở Nội vụ\"}", fourth.payloadJson());
        assertEquals(Instant.parse("2026-11-02T07:00:04Z"), fourth.occurredAt());
    }

    @Test
    void importingTheSameBundleTwiceStoresNothingNewAndSaysSo() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 10));
        importer.importBundle(file, false);

        ImportResult again = importer.importBundle(file, false);

        assertEquals(0, again.stored());
        assertEquals(10, again.alreadyHeld());
        assertEquals(10, database.events().count(Optional.of(agent.id())));
        assertEquals(10, database.events().countDistinct(agent.id()));
    }

    @Test
    void eventsTheChannelAlreadyDeliveredCountAsAlreadyHeld() throws Exception {
        List<NewEvent> delivered = new ArrayList<>();
        for (long sequence = 1; sequence <= 4; sequence++) {
            delivered.add(new NewEvent(sequence, Instant.now(), "usb.connected", 1, "{}"));
        }
        database.events().storeBatches(List.of(new AgentBatch(agent.id(), delivered)), Instant.now());

        ImportResult result = importer.importBundle(Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 10)), false);

        assertEquals(6, result.stored());
        assertEquals(4, result.alreadyHeld());
        assertEquals(10, database.events().count(Optional.of(agent.id())));
    }

    @Test
    void twoImportsOfOneBundleAtOnceCountItsEventsAsNewOnce() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 3000));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<ImportResult> one = threads.submit(() -> importer.importBundle(file, false));
            Future<ImportResult> two = threads.submit(() -> importer.importBundle(file, false));

            assertEquals(3000, one.get().stored() + two.get().stored());
            assertEquals(3000, one.get().alreadyHeld() + two.get().alreadyHeld());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(3000, database.events().count(Optional.of(agent.id())));
    }

    @Test
    void aChangedEventIsRefusedAsNotTheAgentsAndNothingIsStored() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 10));
        int at = indexOf(file, "\"n\":7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        file[at + 4] = '8';

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(file, false));

        assertEquals(ImportRefused.Reason.NOT_TRUSTED, refused.reason());
        assertTrue(refused.getMessage().contains("signature does not verify"), refused.getMessage());
        assertEquals(0, database.events().count(Optional.of(agent.id())));
    }

    @Test
    void aFileThatIsNotABundleIsMalformed() {
        ImportRefused refused = assertThrows(ImportRefused.class,
                () -> importer.importBundle("{\"events\": []}".getBytes(java.nio.charset.StandardCharsets.UTF_8), false));

        assertEquals(ImportRefused.Reason.MALFORMED, refused.reason());
        assertTrue(refused.getMessage().contains("not a Canh Gác bundle"), refused.getMessage());
    }

    @Test
    void aBundleNamingAnotherAgentThanItsCertificateIsRefused() throws Exception {
        TestBundles.Agent other = TestBundles.enrol(tokens, database.agents(), ca);
        byte[] forged = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), other.id(), agent.key(), agent.certificate(), 1, 5,
                "usb.connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(forged, false));

        assertEquals(ImportRefused.Reason.NOT_TRUSTED, refused.reason());
        assertTrue(refused.getMessage().contains("signed with the certificate of agent " + agent.id()), refused.getMessage());
        assertEquals(0, database.events().count(Optional.empty()));
    }

    @Test
    void aBundleSignedByAnotherAgentsKeyWithThisAgentsCertificateIsRefused() throws Exception {
        TestBundles.Agent other = TestBundles.enrol(tokens, database.agents(), ca);
        byte[] forged = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent.id(), other.key(), agent.certificate(), 1, 5,
                "usb.connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(forged, false));

        assertEquals(ImportRefused.Reason.NOT_TRUSTED, refused.reason());
        assertTrue(refused.getMessage().contains("signature does not verify"), refused.getMessage());
    }

    @Test
    void aCertificateFromARogueCaWithTheSameNameIsRefused() throws Exception {
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        X509Certificate rogue = rogueCertificate(agent.id(), keys);
        byte[] forged = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent.id(), keys.getPrivate(), rogue, 1, 5,
                "usb.connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(forged, false));

        assertEquals(ImportRefused.Reason.NOT_TRUSTED, refused.reason());
        assertTrue(refused.getMessage().contains("was not issued by this server's CA"), refused.getMessage());
        assertEquals(0, database.events().count(Optional.empty()));
    }

    @Test
    void aCertificateOfThisCaThatWasNeverGivenToTheAgentIsRefused() throws Exception {
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        X509Certificate unrecorded = ca.signAgentRequest(TestBundles.csr(keys), agent.id(), Duration.ofDays(1));
        byte[] forged = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent.id(), keys.getPrivate(), unrecorded, 1, 5,
                "usb.connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(forged, false));

        assertTrue(refused.getMessage().contains("is not one this server issued to agent " + agent.id()), refused.getMessage());
    }

    @Test
    void anAgentUnknownToThisServerIsRefused() throws Exception {
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        X509Certificate stranger = ca.signAgentRequest(TestBundles.csr(keys), "never-enrolled", Duration.ofDays(1));
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), "never-enrolled", keys.getPrivate(), stranger, 1, 5,
                "usb.connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(file, false));

        assertTrue(refused.getMessage().contains("agent never-enrolled is not enrolled on this server"), refused.getMessage());
    }

    @Test
    void aRevokedAgentsBundleIsRefused() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 5));
        agents.revoke(agent.id());

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(file, false));

        assertEquals(ImportRefused.Reason.NOT_TRUSTED, refused.reason());
        assertTrue(refused.getMessage().contains("was revoked at"), refused.getMessage());
        assertEquals(0, database.events().count(Optional.empty()));
    }

    @Test
    void aBundleIsRefusedOnceItsCertificateHasExpired() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 5));
        BundleImporter later = importer(Clock.offset(Clock.systemUTC(), Duration.ofDays(400)));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> later.importBundle(file, false));

        assertTrue(refused.getMessage().contains("re-enrol the agent"), refused.getMessage());
    }

    @Test
    void aBundleLeavingAGapIsRefusedUnlessTheGapIsAccepted() throws Exception {
        byte[] later = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 6, 5));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(later, false));
        assertEquals(ImportRefused.Reason.GAP, refused.reason());
        assertTrue(refused.getMessage().contains("events 1..5 would be missing"), refused.getMessage());
        assertEquals(0, database.events().count(Optional.empty()));

        ImportResult accepted = importer.importBundle(later, true);
        assertEquals(5, accepted.stored());
        assertEquals(5, accepted.missingBefore());
    }

    @Test
    void bundlesImportedInOrderLeaveNoGap() throws Exception {
        byte[] first = Files.readAllBytes(TestBundles.bundle(directory.resolve("one"), agent, 1, 5));
        byte[] second = Files.readAllBytes(TestBundles.bundle(directory.resolve("two"), agent, 6, 5));

        importer.importBundle(first, false);
        ImportResult result = importer.importBundle(second, false);

        assertEquals(5, result.stored());
        assertEquals(0, result.missingBefore());
        assertEquals(10, database.events().highestSequence(agent.id()));
    }

    @Test
    void anEventTheChannelWouldRefuseRefusesTheWholeBundle() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent.id(), agent.key(), agent.certificate(), 1, 5,
                "USB Connected"));

        ImportRefused refused = assertThrows(ImportRefused.class, () -> importer.importBundle(file, false));

        assertEquals(ImportRefused.Reason.MALFORMED, refused.reason());
        assertTrue(refused.getMessage().contains("event 1 has an invalid type"), refused.getMessage());
        assertEquals(0, database.events().count(Optional.empty()));
    }

    @Test
    void aBundleLargerThanOneChannelBatchIsStoredWhole() throws Exception {
        ImportResult result = importer.importBundle(Files.readAllBytes(TestBundles.bundle(directory.resolve("usb"), agent, 1, 2_500)), false);

        assertEquals(2_500, result.stored());
        assertEquals(2_500, database.events().countDistinct(agent.id()));
    }

    private BundleImporter importer(Clock clock) {
        return new BundleImporter(ca.certificate(), agents, database.agents(), database.events(), ingest, clock);
    }

    /** A certificate for the agent id from a CA that copies the real CA's name, so only the signature tells them apart. */
    private X509Certificate rogueCertificate(String agentId, KeyPair agentKeys) throws Exception {
        KeyPair caKeys = KeyPairs.newP256(new SecureRandom());
        X500Name caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(caKeys.getPrivate());
        return new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.TEN, Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=" + agentId), agentKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .build(signer));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
