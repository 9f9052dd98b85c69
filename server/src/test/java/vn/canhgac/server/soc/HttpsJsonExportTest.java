package vn.canhgac.server.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.soc.SocTestSupport.await;
import static vn.canhgac.server.soc.SocTestSupport.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.protocol.signing.DualSigner;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.SigningDomain;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/** https-json against a JDK HTTPS receiver on 127.0.0.1 that checks each batch's signatures with the server's public keys. */
class HttpsJsonExportTest {
    private static final SigningKeys KEYS = SigningKeys.generate(new SecureRandom());

    @TempDir
    Path directory;
    private HttpsServer receiver;
    private SocTestSupport.TlsFiles tls;
    /** Answers 503 while positive, counting down: a receiver outage. */
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<Long> receivedIds = new CopyOnWriteArrayList<>();
    private final List<String> signatureProblems = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<DualSignature> signatures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        tls = SocTestSupport.TlsFiles.create(directory);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("receiver", tls.identity().key(), "x".toCharArray(), tls.identity().chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        keys.init(store, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        context.init(keys.getKeyManagers(), null, null);
        receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(context));
        receiver.createContext("/soc", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = 200;
        if (refusals.getAndDecrement() > 0) {
            status = 503;
        } else {
            DualSignature signature = new DualSignature(
                    Base64.getDecoder().decode(exchange.getRequestHeaders().getFirst(HttpsJsonSender.ED25519_HEADER)),
                    Base64.getDecoder().decode(exchange.getRequestHeaders().getFirst(HttpsJsonSender.ML_DSA_65_HEADER)));
            try {
                DualSigner.verify(KEYS.verifying(), SigningDomain.SOC_EXPORT, body, signature);
                assertEquals(KEYS.verifying().fingerprint(), exchange.getRequestHeaders().getFirst(HttpsJsonSender.KEY_HEADER));
                bodies.add(body);
                signatures.add(signature);
                for (JsonNode event : EventJson.MAPPER.readTree(body).get("events")) {
                    receivedIds.add(event.get("eventId").asLong());
                }
            } catch (SignatureRefused e) {
                signatureProblems.add(e.getMessage());
                status = 400;
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private SocExport start(SqliteDatabase database) {
        SocDestination destination = new SocDestination("national", SocKind.HTTPS_JSON, "127.0.0.1", receiver.getAddress().getPort(),
                Optional.of(URI.create("https://127.0.0.1:" + receiver.getAddress().getPort() + "/soc")), SyslogFormat.RFC5424_SD,
                Optional.of(tls.ca()), Optional.empty(), Optional.empty(), new SocFilter(0, List.of("*.violation")), "canhgac",
                "canhgac-test", 20, 32473, 8192, 50, true);
        return SocExport.start(new SocExportConfig(List.of(destination)), database.socExport(), KEYS, Clock.systemUTC(), SocTestSupport.QUICK);
    }

    @Test
    void batchesArriveSignedAndATamperedBatchFailsVerification() throws Exception {
        try (SqliteDatabase database = SocTestSupport.database(directory)) {
            SocTestSupport.store(database, 1, 120, "usb.violation", 4);
            SocTestSupport.store(database, 121, 30, "usb.connected", 1);
            try (SocExport export = start(database)) {
                await("120 violations sent", () -> status(export).sent() == 120 && status(export).lastEventId() == 150);
            }
            assertEquals(List.of(), signatureProblems);
            assertEquals(rangeClosed(1, 120), receivedIds);
            JsonNode first = EventJson.MAPPER.readTree(bodies.getFirst()).get("events").get(0);
            assertEquals("Sở Nội vụ", first.get("unit").asText());
            assertEquals(1, first.get("payload").get("n").asLong());

            byte[] tampered = bodies.getFirst().clone();
            tampered[tampered.length / 2] ^= 1;
            assertThrows(SignatureRefused.class,
                    () -> DualSigner.verify(KEYS.verifying(), SigningDomain.SOC_EXPORT, tampered, signatures.getFirst()));
            assertThrows(SignatureRefused.class,
                    () -> DualSigner.verify(KEYS.verifying(), SigningDomain.REPORT_MANIFEST, bodies.getFirst(), signatures.getFirst()));
        }
    }

    @Test
    void aReceiverOutageIsRetriedAndCountedAndLosesNothing() throws Exception {
        refusals.set(3);
        try (SqliteDatabase database = SocTestSupport.database(directory)) {
            SocTestSupport.store(database, 1, 40, "software.violation", 5);
            try (SocExport export = start(database)) {
                await("40 violations sent", () -> status(export).sent() == 40);
                SocDestinationStatus status = status(export);
                assertEquals(3, status.failures());
                assertTrue(status.lastError().orElseThrow().contains("answered 503"), status.lastError().orElseThrow());
                assertTrue(status.lastSuccessAt().isPresent());
                assertEquals(0, status.queued());
            }
            assertEquals(rangeClosed(1, 40), receivedIds);
        }
    }

    @Test
    void theCursorSurvivesARestartSoNothingIsSentTwiceOrSkipped() throws Exception {
        try (SqliteDatabase database = SocTestSupport.database(directory)) {
            SocTestSupport.store(database, 1, 75, "usb.violation", 4);
            try (SocExport export = start(database)) {
                await("75 violations sent", () -> status(export).sent() == 75);
            }
            SocTestSupport.store(database, 76, 60, "usb.violation", 4);
        }
        // A new process: the database is opened again and the destination reads its stored cursor.
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("canhgac.db"))) {
            try (SocExport export = start(database)) {
                assertEquals(60, status(export).queued());
                await("135 violations sent", () -> status(export).sent() == 135);
            }
        }
        assertEquals(rangeClosed(1, 135), receivedIds);
    }

    private static List<Long> rangeClosed(long first, long last) {
        List<Long> ids = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            ids.add(id);
        }
        return ids;
    }
}
