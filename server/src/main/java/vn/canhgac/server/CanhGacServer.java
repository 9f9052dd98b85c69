package vn.canhgac.server;

import vn.canhgac.protocol.BuildInfo;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.agents.SilenceWatch;
import vn.canhgac.server.api.ApiServer;
import vn.canhgac.server.api.ApiServices;
import vn.canhgac.server.reports.ReportGenerator;
import vn.canhgac.server.reports.ReportService;
import vn.canhgac.server.reports.ServerIdentity;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.PasswordHasher;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.channel.AgentChannelServer;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.enrollment.EnrollmentServer;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.imports.BundleImporter;
import vn.canhgac.server.policy.dryrun.PolicyDryRun;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.incidents.IncidentService;
import vn.canhgac.server.retention.RetentionScheduler;
import vn.canhgac.server.retention.RetentionService;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.policy.PolicyService;
import vn.canhgac.server.soc.SocExport;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.units.UnitService;

/**
 * A running server, wired by hand: store → services → the three listeners (agent channel,
 * enrolment, admin API). The static methods are the console's: {@code canhgac-server init} and
 * {@code canhgac-server unlock}. {@link #start} is what {@code canhgac-server run} and the tests call.
 */
public final class CanhGacServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CanhGacServer.class);

    private final SqliteDatabase database;
    private final EventIngest ingest;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blockingWork;
    private final AgentChannelServer channel;
    private final EnrollmentServer enrollmentServer;
    private final ApiServer api;
    private final ApiServices services;
    private final CertificateAuthority ca;
    private final SilenceWatch silenceWatch;
    private final SocExport socExport;
    private final RetentionScheduler retentionSchedule;

    private CanhGacServer(SqliteDatabase database, EventIngest ingest, EventLoopGroup boss, EventLoopGroup workers,
                          ExecutorService blockingWork, AgentChannelServer channel, EnrollmentServer enrollmentServer, ApiServer api,
                          ApiServices services, CertificateAuthority ca, SilenceWatch silenceWatch, SocExport socExport,
                          RetentionScheduler retentionSchedule) {
        this.database = database;
        this.ingest = ingest;
        this.boss = boss;
        this.workers = workers;
        this.blockingWork = blockingWork;
        this.channel = channel;
        this.enrollmentServer = enrollmentServer;
        this.api = api;
        this.services = services;
        this.ca = ca;
        this.silenceWatch = silenceWatch;
        this.socExport = socExport;
        this.retentionSchedule = retentionSchedule;
    }

    /** Creates the data directory, CA, server key and database of a new server; the first admin is {@link #createFirstAdmin}'s job. */
    public static void init(ServerPaths paths, SecureRandom random, Clock clock) {
        if (isInitialised(paths)) {
            throw new IllegalStateException(paths.dataDirectory() + " already holds a server; refusing to initialise it again");
        }
        vn.canhgac.protocol.tls.KeyFiles.createPrivateDirectory(paths.dataDirectory());
        CertificateAuthority.create(paths.pki(), "Canh Gac", clock, random);
        SigningKeys.generate(random).writeTo(paths.signingKeys());
        SqliteDatabase.open(paths.database()).close();
    }

    public static boolean isInitialised(ServerPaths paths) {
        return Files.exists(paths.database()) || CertificateAuthority.existsIn(paths.pki());
    }

    /**
     * Creates the first account, an admin, on the server's console; refused once any account
     * exists, so that this path cannot be used to add an admin behind the others' backs.
     * Audited with the actor {@code console}.
     */
    public static AccountService.NewAccount createFirstAdmin(ServerPaths paths, String username, String password, Clock clock,
                                                             SecureRandom random) {
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            if (!database.accounts().list().isEmpty()) {
                throw new IllegalStateException(paths.dataDirectory() + " has accounts already; an admin creates more with"
                        + " `canhgacctl user create`");
            }
            return consoleAccounts(database, clock, random).create(AccountService.CONSOLE, username, Role.ADMIN, List.of(), password);
        }
    }

    /**
     * Unlocks an account on the server's console: the way back in when the last admin is locked
     * out. Audited with the actor {@code console}. False if the account was not locked.
     *
     * @throws IllegalArgumentException if there is no such account
     */
    public static boolean unlockOnConsole(ServerPaths paths, String username, Clock clock) {
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            AccountService accounts = consoleAccounts(database, clock, new SecureRandom());
            String name = AccountService.normalizeUsername(username);
            if (accounts.find(name).isEmpty()) {
                throw new IllegalArgumentException("no account is named \"" + name + "\" in " + paths.database());
            }
            return accounts.unlock(AccountService.CONSOLE, name);
        }
    }

    private static AccountService consoleAccounts(SqliteDatabase database, Clock clock, SecureRandom random) {
        return new AccountService(database.accounts(), database.sessions(), new UnitService(database.units(), clock),
                new PasswordHasher(PasswordHasher.STANDARD, random), new AuditLog(database.audit(), clock), clock, random);
    }

    private static SigningKeys loadSigningKeys(ServerPaths paths) {
        if (!SigningKeys.existIn(paths.signingKeys())) {
            throw new IllegalStateException(paths.signingKeys() + " holds no signing keys: this data directory was not made by"
                    + " `canhgac-server init` of this version; initialise a new data directory and re-enrol the agents");
        }
        return SigningKeys.readFrom(paths.signingKeys());
    }

    public static CanhGacServer start(ServerPaths paths, ServerConfig config, Clock clock) {
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.load(paths.pki(), clock, random);
        KeyMaterial identity = ca.serverIdentity(paths.pki(), config.serverNames());
        SigningKeys signingKeys = loadSigningKeys(paths);
        IncidentRules incidentRules = new IncidentRules(config.reportingDeadline());
        SqliteDatabase database = SqliteDatabase.open(paths.database(), incidentRules);
        UnitService units = new UnitService(database.units(), clock);
        AuditLog audit = new AuditLog(database.audit(), clock);
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.STANDARD, random);
        AccountService accounts = new AccountService(database.accounts(), database.sessions(), units, hasher, audit, clock, random);
        SessionService sessions = new SessionService(database.accounts(), database.sessions(), hasher, audit, config.access(), clock, random);
        TokenService tokens = new TokenService(database.tokens(), units, clock, random);
        AgentService agents = AgentService.withHeartbeatWriter(database.agents(), clock, config.silence());
        EventIngest ingest = new EventIngest(database.events(), clock, config.ingestHighWatermark());
        EventService events = new EventService(database.events());
        // Before any listener: a destination whose TLS files cannot be used stops the start with nothing left running.
        SocExport socExport;
        try {
            socExport = SocExport.start(config.socExport(), database.socExport(), signingKeys, clock, SocExport.Timing.defaults());
        } catch (RuntimeException e) {
            ingest.close();
            database.close();
            throw e;
        }
        PolicyService policies = new PolicyService(database.policies(), units, signingKeys, clock);
        PolicyDistributor policyPush = new PolicyDistributor(policies, database.policies(), database.agents(), clock);
        agents.onMove(policyPush::agentMoved);
        EnrollmentService enrollment = new EnrollmentService(tokens, database.agents(), ca, signingKeys.verifying(), clock, config.agentCertificateValidity());

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.workerThreads(), NioIoHandler.newFactory());
        ExecutorService blockingWork = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("enrollment-", 0).daemon().factory());
        AgentChannelServer channel = AgentChannelServer.start(config.agentListen(), boss, workers, identity, ca.certificate(), config.tls(),
                agents, ingest, policyPush, clock, config.heartbeatSeconds());
        EnrollmentServer enrollmentServer = EnrollmentServer.start(config.enrollmentListen(), boss, workers, identity, config.tls(),
                enrollment, blockingWork, new java.net.InetSocketAddress(config.advertisedHost(), channel.localAddress().getPort()));
        BundleImporter imports = new BundleImporter(ca.certificate(), agents, database.agents(), database.events(), ingest, clock);
        IncidentService incidents = new IncidentService(database.incidents(), audit, clock);
        RetentionService retention = new RetentionService(database.retention(), audit, clock, config.retention());
        Access access = new Access(units, audit);
        ReportGenerator reportGenerator = new ReportGenerator(database.violationReports(), signingKeys,
                new ServerIdentity(ca.fingerprint(), signingKeys.verifying().fingerprint()), ReportGenerator.DEFAULT_PDF_ROW_CAP);
        ReportService reports = new ReportService(reportGenerator, units, access, audit, paths.reports(), clock,
                ReportService.DEFAULT_RETENTION);
        ApiServices services = new ApiServices(tokens, agents, events, units, accounts, sessions, audit, access, imports,
                policies, policyPush, new PolicyDryRun(database.events(), database.agents(), clock, PolicyDryRun.DEFAULT_CAP),
                socExport, incidents, retention, reports, signingKeys.verifying());
        ApiServer api = ApiServer.start(config.apiListen(), identity, services, ca.fingerprint(),
                new java.net.InetSocketAddress(config.advertisedHost(), enrollmentServer.localAddress().getPort()), clock);
        SilenceWatch silenceWatch = new SilenceWatch(agents, database.silenceAlerts(), clock);
        silenceWatch.start();
        if (accounts.list().isEmpty()) {
            log.warn("event=server.no_accounts data={} advice=\"run canhgac-server init on this data directory to create the first admin\"",
                    paths.dataDirectory());
        }
        log.info("event=server.started version={} channel={} enrollment={} api={} ca_fingerprint={}", BuildInfo.version(),
                channel.localAddress(), enrollmentServer.localAddress(), api.localAddress(), ca.fingerprint());
        RetentionScheduler retentionSchedule = RetentionScheduler.start(retention);
        return new CanhGacServer(database, ingest, boss, workers, blockingWork, channel, enrollmentServer, api, services, ca, silenceWatch, socExport,
                retentionSchedule);
    }

    public AgentChannelServer channel() {
        return channel;
    }

    public EnrollmentServer enrollment() {
        return enrollmentServer;
    }

    public ApiServer api() {
        return api;
    }

    public TokenService tokens() {
        return services.tokens();
    }

    public AgentService agents() {
        return services.agents();
    }

    public UnitService units() {
        return services.units();
    }

    public AccountService accounts() {
        return services.accounts();
    }

    public AuditLog audit() {
        return services.audit();
    }

    public PolicyService policies() {
        return services.policies();
    }

    public PolicyDistributor policyPush() {
        return services.policyPush();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public SqliteDatabase database() {
        return database;
    }

    public EventIngest ingest() {
        return ingest;
    }

    public SocExport socExport() {
        return socExport;
    }

    public IncidentService incidents() {
        return services.incidents();
    }

    public RetentionService retention() {
        return services.retention();
    }

    /** Stops listening, stores what was queued, closes the store. */
    @Override
    public void close() {
        retentionSchedule.close();
        api.close();
        silenceWatch.close();
        enrollmentServer.close();
        channel.close();
        services.agents().close();
        services.policyPush().close();
        ingest.close();
        socExport.close();
        boss.shutdownGracefully().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
        blockingWork.shutdownNow();
        services.reports().close();
        database.close();
        log.info("event=server.stopped");
    }
}
