package vn.canhgac.server.soc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.canhgac.protocol.tls.KeyPairs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.TestUnits;

/** Shared pieces of the SOC export tests: a database with one agent, events, TLS files on disk, quick timing. */
final class SocTestSupport {
    static final String AGENT = "agent-1";
    static final SocExport.Timing QUICK = new SocExport.Timing(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(400));

    private SocTestSupport() {}

    static SqliteDatabase database(Path directory) {
        SqliteDatabase database = SqliteDatabase.open(directory.resolve("canhgac.db"));
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU);
        database.agents().insert(AgentRecord.enrolled(AGENT, TestUnits.SO_NOI_VU, "internal-workstation", "1",
                Instant.now().plusSeconds(3600), Instant.now()));
        return database;
    }

    /** Stores events {@code first..first+count-1} of {@link #AGENT}, in batches of 1000. */
    static void store(SqliteDatabase database, long first, int count, String type, int severity) {
        for (long start = first; start < first + count; start += 1000) {
            List<NewEvent> events = new ArrayList<>();
            for (long sequence = start; sequence < Math.min(first + count, start + 1000); sequence++) {
                events.add(new NewEvent(sequence, Instant.now(), type, severity, "{\"n\":" + sequence + "}"));
            }
            database.events().storeBatches(List.of(new AgentBatch(AGENT, events)), Instant.now());
        }
    }

    /**
     * A CA and one certificate for 127.0.0.1 as PEM files ({@code ca.pem}, {@code peer.pem}, {@code peer.key}). The certificate
     * is good for both TLS purposes: rsyslogd presents it as a server and checks it as our client certificate (imrelp
     * requires one), so the tests need one file set.
     */
    record TlsFiles(Path ca, Path certificate, Path key, KeyMaterial identity) {
        static TlsFiles create(Path directory) throws Exception {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = KeyPairs.newP256(random);
            X500Name caName = new X500Name("CN=Test SOC CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(2))), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(caBuilder, caKeys);
            KeyPair peerKeys = KeyPairs.newP256(random);
            X509v3CertificateBuilder peerBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=127.0.0.1"), peerKeys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate peer = sign(peerBuilder, caKeys);
            Path caFile = Files.writeString(directory.resolve("ca.pem"), Pem.encode(ca));
            Path certificate = Files.writeString(directory.resolve("peer.pem"), Pem.encode(peer));
            Path key = Files.writeString(directory.resolve("peer.key"), Pem.encode(peerKeys.getPrivate()));
            return new TlsFiles(caFile, certificate, key, new KeyMaterial(peerKeys.getPrivate(), List.of(peer, ca)));
        }

        private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
    }

    /** A syslog destination on 127.0.0.1; TLS kinds trust the test CA and present the test certificate as client certificate. */
    static SocDestination syslog(String name, SocKind kind, int port, SyslogFormat format, TlsFiles tls, SocFilter filter, int batchSize) {
        boolean encrypted = kind.tls();
        return new SocDestination(name, kind, "127.0.0.1", port, Optional.empty(), format,
                encrypted ? Optional.of(tls.ca()) : Optional.empty(), encrypted ? Optional.of(tls.certificate()) : Optional.empty(),
                encrypted ? Optional.of(tls.key()) : Optional.empty(), filter, "canhgac", "canhgac-test", 20, 32473, 8192, batchSize, true);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for a condition of the system under test; fails with {@code what} after a minute. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static SocDestinationStatus status(SocExport export) {
        return export.status().getFirst();
    }
}
