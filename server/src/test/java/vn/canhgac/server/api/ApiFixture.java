package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccessSettings;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.PasswordHasher;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.cli.ctl.ApiClient;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.imports.BundleImporter;
import vn.canhgac.server.policy.dryrun.PolicyDryRun;
import vn.canhgac.server.incidents.IncidentService;
import vn.canhgac.server.retention.RetentionService;
import vn.canhgac.server.retention.RetentionSettings;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.policy.PolicyService;
import vn.canhgac.server.soc.SocExport;
import vn.canhgac.server.reports.ReportGenerator;
import vn.canhgac.server.reports.ReportService;
import vn.canhgac.server.reports.ServerIdentity;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.units.UnitService;

/**
 * A real admin API on 127.0.0.1 (ephemeral port) over a real SQLite store and CA in a temporary
 * data directory laid out as {@code canhgac-server init} lays it out, with the root units
 * {@value TestUnits#SO_NOI_VU} and {@value TestUnits#TAN_LAP}, an admin account {@value #ADMIN} logged in ({@link #credential}
 * is its session token), and a raw HTTPS client that trusts only that CA. Services run on a
 * {@link FakeClock}; the CA uses the real clock because the HTTPS client checks certificate
 * validity against it. Passwords are hashed with a cheap Argon2id cost to keep tests quick.
 */
public final class ApiFixture implements AutoCloseable {
    public static final InetSocketAddress ENROLLMENT = new InetSocketAddress("127.0.0.1", 7444);
    public static final Duration SILENT_AFTER = Duration.ofMinutes(10);
    public static final String ADMIN = "admin";
    /** Every account the fixture makes has this password. */
    public static final String PASSWORD = "correct horse battery staple";
    public static final PasswordHasher.Cost TEST_COST = new PasswordHasher.Cost(1024, 1, 1);
    public static final AccessSettings SETTINGS = AccessSettings.defaults();
    /** Small, so PDF tests stay quick and show the cut. */
    public static final long REPORT_PDF_ROW_CAP = 1_000;
    private static final ObjectMapper JSON = ApiJson.mapper();

    public final ServerPaths paths;
    public final FakeClock clock = new FakeClock();
    public final CertificateAuthority ca;
    public final SqliteDatabase database;
    public final TokenService tokens;
    public final AgentService agents;
    public final EventService events;
    public final EventIngest ingest;
    /** Checks certificate validity against the real clock, like the HTTPS client: the CA issues with the real clock. */
    public final BundleImporter imports;
    public final UnitService units;
    public final AuditLog audit;
    public final AccountService accounts;
    public final SessionService sessions;
    public final SigningKeys signingKeys;
    public final PolicyService policies;
    public final PolicyDistributor policyPush;
    public final IncidentService incidents;
    public final RetentionService retention;
    public final ReportService reports;
    /** The admin's session token; {@link #relogin} replaces it. */
    public volatile String credential;
    public final ApiServer server;
    private final HttpClient http;

    private ApiFixture(Path dataDirectory) {
        SecureRandom random = new SecureRandom();
        paths = new ServerPaths(dataDirectory);
        ca = CertificateAuthority.create(paths.pki(), "Test", Clock.systemUTC(), random);
        KeyMaterial identity = ca.serverIdentity(paths.pki(), List.of("127.0.0.1", "localhost"));
        database = SqliteDatabase.open(paths.database());
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU, TestUnits.TAN_LAP);
        units = new UnitService(database.units(), clock);
        audit = new AuditLog(database.audit(), clock);
        PasswordHasher hasher = new PasswordHasher(TEST_COST, random);
        accounts = new AccountService(database.accounts(), database.sessions(), units, hasher, audit, clock, random);
        sessions = new SessionService(database.accounts(), database.sessions(), hasher, audit, SETTINGS, clock, random);
        tokens = new TokenService(database.tokens(), units, clock, random);
        agents = new AgentService(database.agents(), clock, SILENT_AFTER);
        events = new EventService(database.events());
        ingest = new EventIngest(database.events(), clock, 100_000);
        imports = new BundleImporter(ca.certificate(), agents, database.agents(), database.events(), ingest, Clock.systemUTC());
        incidents = new IncidentService(database.incidents(), audit, clock);
        retention = new RetentionService(database.retention(), audit, clock, RetentionSettings.defaults());
        signingKeys = SigningKeys.generate(random);
        policies = new PolicyService(database.policies(), units, signingKeys, clock);
        policyPush = new PolicyDistributor(policies, database.policies(), database.agents(), clock);
        Access access = new Access(units, audit);
        reports = new ReportService(new ReportGenerator(database.violationReports(), signingKeys,
                new ServerIdentity(ca.fingerprint(), signingKeys.verifying().fingerprint()), REPORT_PDF_ROW_CAP), units, access, audit,
                paths.reports(), clock, ReportService.DEFAULT_RETENTION);
        server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), identity,
                new ApiServices(tokens, agents, events, units, accounts, sessions, audit, access, imports, policies,
                        policyPush, new PolicyDryRun(database.events(), database.agents(), clock, PolicyDryRun.DEFAULT_CAP),
                        SocExport.none(), incidents, retention, reports, signingKeys.verifying()),
                ca.fingerprint(), ENROLLMENT, clock);
        credential = user(ADMIN, Role.ADMIN);
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3"});
        http = HttpClient.newBuilder().sslContext(ApiClient.sslContext(List.of(ca.certificate()))).sslParameters(tls)
                .version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    public static ApiFixture start(Path dataDirectory) {
        return new ApiFixture(dataDirectory);
    }

    /** A new admin session, for tests that move the clock past the idle timeout. */
    public void relogin() {
        credential = login(ADMIN);
    }

    /** Creates an account with {@link #PASSWORD} and returns the token of a fresh login. */
    public String user(String username, Role role, String... unitNames) {
        accounts.create(ADMIN, username, role, List.of(unitNames), PASSWORD);
        return login(username);
    }

    /**
     * Logs in with the account's current TOTP code and returns the session token. A code is
     * good once, so the clock moves on a step first when this account logged in during this step.
     */
    public String login(String username) {
        Account account = database.accounts().find(username).orElseThrow();
        if (account.totpLastStep() >= Totp.step(clock.instant())) {
            clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        }
        SessionService.Login login = sessions.login(new SessionService.Credentials(username, PASSWORD,
                Optional.of(totpCode(username)), Optional.empty(), "127.0.0.1"));
        return ((SessionService.Login.LoggedIn) login).token();
    }

    /** The account's TOTP code now. */
    public String totpCode(String username) {
        return Totp.code(database.accounts().find(username).orElseThrow().totpSecret(), clock.instant());
    }

    /** Stores an agent enrolled now into {@code unit}, its certificate valid for a year. */
    public void enrolled(String id, String unit, String role, String certificateSerial) {
        Instant now = clock.instant();
        database.agents().insert(AgentRecord.enrolled(id, unit, role, certificateSerial, now.plus(Duration.ofDays(365)), now));
    }

    /** The answer's body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The {@code error} text of an error answer. */
    public static String error(HttpResponse<String> response) {
        return json(response).get("error").textValue();
    }

    /** Audit entries with this action, oldest first. */
    public List<AuditEntry> audited(String action) {
        return database.audit().list(0, 10_000).stream().filter(entry -> entry.action().equals(action)).toList();
    }

    /** {@code https://127.0.0.1:PORT} */
    public String base() {
        return "https://127.0.0.1:" + server.localAddress().getPort();
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send("GET", path, null, bearer);
    }

    public HttpResponse<String> post(String path, String body, String bearer) {
        return send("POST", path, body, bearer);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, credential);
    }

    public HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, credential);
    }

    /** POST of raw bytes with the admin credential, as canhgacctl sends a bundle file. */
    public HttpResponse<String> postBytes(String path, byte[] body) {
        return postBytes(path, body, credential);
    }

    /** POST of raw bytes with this bearer token. */
    public HttpResponse<String> postBytes(String path, byte[] body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return execute(request, "POST", path);
    }

    /** GET of a file's bytes (a report) with this bearer token. */
    public HttpResponse<byte[]> getBytes(String path, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + path, e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, credential);
    }

    /** A request with any method, body and bearer value; a null bearer sends no Authorization header. */
    public HttpResponse<String> send(String method, String path, String body, String bearer) {
        return exchange(method, path, body, bearer == null ? null : "Bearer " + bearer);
    }

    /** A request with this exact Authorization header value, or none when null. */
    public HttpResponse<String> exchange(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return execute(request, method, path);
    }

    private HttpResponse<String> execute(HttpRequest.Builder request, String method, String path) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + path, e);
        }
    }

    @Override
    public void close() {
        http.close();
        server.close();
        policyPush.close();
        reports.close();
        ingest.close();
        database.close();
    }
}
