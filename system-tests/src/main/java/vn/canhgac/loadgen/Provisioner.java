package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.units.UnitService;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/**
 * Enrols simulated agents offline: a new server data directory, then for each agent a P-256 key,
 * a one-time token and a certification request through the server's own token and enrolment
 * services on the server's SQLite file. Every agent ends up exactly as a networked enrolment
 * would leave it (agent row, certificate row, spent token), without making enrolment part of
 * what the benchmark measures. The server must not be running while this writes its database.
 */
final class Provisioner {

    static final String UNIT = "Load test";
    static final String ROLE = "internal-workstation";

    private final Clock clock;
    private final SecureRandom random;

    Provisioner(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A server data directory holding {@code agents} enrolled agents, and those agents' credentials. */
    record Provisioned(ServerPaths paths, X509Certificate caCertificate, List<AgentCredential> agents) {

        Provisioned {
            agents = List.copyOf(agents);
        }

        /**
         * Copies the data directory, so that each run starts from the same enrolled fleet and an
         * empty event table. File modes come along: the server refuses a CA key others can read.
         */
        ServerPaths copyTo(Path target) {
            try (Stream<Path> files = Files.walk(paths.dataDirectory())) {
                for (Path source : files.toList()) {
                    Files.copy(source, target.resolve(paths.dataDirectory().relativize(source).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the provisioned server " + paths.dataDirectory() + " to " + target
                        + ": " + e.getMessage(), e);
            }
            return new ServerPaths(target);
        }
    }

    Provisioned provision(Path dataDirectory, int agents) {
        ServerPaths paths = new ServerPaths(dataDirectory);
        CanhGacServer.init(paths, random, clock);
        CertificateAuthority ca = CertificateAuthority.load(paths.pki(), clock, random);
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            TokenService tokens = tokens(database);
            EnrollmentService enrollment = new EnrollmentService(tokens, database.agents(), ca,
                    SigningKeys.readFrom(paths.signingKeys()).verifying(), clock, Duration.ofDays(1));
            // Key generation and signing run in parallel; the services serialise their own writes.
            List<AgentCredential> credentials = IntStream.range(0, agents).parallel()
                    .mapToObj(i -> enrol(tokens, enrollment, ca.certificate()))
                    .toList();
            return new Provisioned(paths, ca.certificate(), credentials);
        }
    }

    /** One token for one machine of the unit (as `canhgacctl token create` makes), formatted as a person would paste it. */
    String tokenFor(ServerPaths paths) {
        CertificateAuthority ca = CertificateAuthority.load(paths.pki(), clock, random);
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            TokenService.IssuedToken issued = tokens(database).create(UNIT, ROLE, Duration.ofHours(1));
            return new vn.canhgac.protocol.EnrollmentTokenCode(issued.secret(), ca.fingerprint()).format();
        }
    }

    /** Tokens name an existing unit: the benchmark's unit is created on first use. */
    private TokenService tokens(SqliteDatabase database) {
        UnitService units = new UnitService(database.units(), clock);
        if (!units.tree().contains(UNIT)) {
            units.create(UNIT, java.util.Optional.empty());
        }
        return new TokenService(database.tokens(), units, clock, random);
    }

    private AgentCredential enrol(TokenService tokens, EnrollmentService enrollment, X509Certificate caCertificate) {
        KeyPair keyPair = KeyPairs.newP256(random);
        TokenService.IssuedToken token = tokens.create(UNIT, ROLE, Duration.ofHours(1));
        EnrollmentService.Enrolled enrolled = enrollment.enroll(token.secret(), certificationRequest(keyPair));
        return new AgentCredential(enrolled.agentId(),
                new KeyMaterial(keyPair.getPrivate(), List.of(enrolled.certificate(), caCertificate)));
    }

    private static byte[] certificationRequest(KeyPair keyPair) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=canhgac-loadgen"), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keyPair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a certification request: " + e.getMessage(), e);
        }
    }
}
