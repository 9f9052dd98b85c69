package vn.canhgac.server;

import vn.canhgac.protocol.BuildInfo;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.api.ApiServer;
import vn.canhgac.server.auth.AdminCredential;
import vn.canhgac.server.channel.AgentChannelServer;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.enrollment.EnrollmentServer;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.imports.BundleImporter;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/**
 * A running server, wired by hand: store → services → the three listeners (agent channel,
 * enrolment, admin API). {@link #start} is what {@code canhgac-server run} and the tests call.
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
    private final TokenService tokens;
    private final AgentService agents;
    private final CertificateAuthority ca;

    private CanhGacServer(SqliteDatabase database, EventIngest ingest, EventLoopGroup boss, EventLoopGroup workers,
                          ExecutorService blockingWork, AgentChannelServer channel, EnrollmentServer enrollmentServer, ApiServer api,
                          TokenService tokens, AgentService agents, CertificateAuthority ca) {
        this.database = database;
        this.ingest = ingest;
        this.boss = boss;
        this.workers = workers;
        this.blockingWork = blockingWork;
        this.channel = channel;
        this.enrollmentServer = enrollmentServer;
        this.api = api;
        this.tokens = tokens;
        this.agents = agents;
        this.ca = ca;
    }

    /** Creates the data directory, CA, server key and admin credential of a new server. */
    public static void init(ServerPaths paths, SecureRandom random, Clock clock) {
        if (Files.exists(paths.database()) || CertificateAuthority.existsIn(paths.pki())) {
            throw new IllegalStateException(paths.dataDirectory() + " already holds a server; refusing to initialise it again");
        }
        vn.canhgac.protocol.tls.KeyFiles.createPrivateDirectory(paths.dataDirectory());
        CertificateAuthority.create(paths.pki(), "Canh Gac", clock, random);
        AdminCredential.create(paths.adminCredential(), random);
        SqliteDatabase.open(paths.database()).close();
    }

    public static CanhGacServer start(ServerPaths paths, ServerConfig config, Clock clock) {
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.load(paths.pki(), clock, random);
        KeyMaterial identity = ca.serverIdentity(paths.pki(), config.serverNames());
        AdminCredential credential = AdminCredential.load(paths.adminCredential());
        SqliteDatabase database = SqliteDatabase.open(paths.database());
        TokenService tokens = new TokenService(database.tokens(), clock, random);
        AgentService agents = new AgentService(database.agents(), clock, config.silentAfter());
        EventIngest ingest = new EventIngest(database.events(), clock, config.ingestHighWatermark());
        EventService events = new EventService(database.events());
        EnrollmentService enrollment = new EnrollmentService(tokens, database.agents(), ca, clock, config.agentCertificateValidity());

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.workerThreads(), NioIoHandler.newFactory());
        ExecutorService blockingWork = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("enrollment-", 0).daemon().factory());
        AgentChannelServer channel = AgentChannelServer.start(config.agentListen(), boss, workers, identity, ca.certificate(), config.tls(),
                agents, ingest, clock, config.heartbeatSeconds());
        EnrollmentServer enrollmentServer = EnrollmentServer.start(config.enrollmentListen(), boss, workers, identity, config.tls(),
                enrollment, blockingWork, new java.net.InetSocketAddress(config.advertisedHost(), channel.localAddress().getPort()));
        BundleImporter imports = new BundleImporter(ca.certificate(), agents, database.agents(), database.events(), ingest, clock);
        ApiServer api = ApiServer.start(config.apiListen(), identity, credential, tokens, agents, events, imports, ca.fingerprint(),
                new java.net.InetSocketAddress(config.advertisedHost(), enrollmentServer.localAddress().getPort()));
        log.info("event=server.started version={} channel={} enrollment={} api={} ca_fingerprint={}", BuildInfo.version(),
                channel.localAddress(), enrollmentServer.localAddress(), api.localAddress(), ca.fingerprint());
        return new CanhGacServer(database, ingest, boss, workers, blockingWork, channel, enrollmentServer, api, tokens, agents, ca);
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
        return tokens;
    }

    public AgentService agents() {
        return agents;
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

    /** Stops listening, stores what was queued, closes the store. */
    @Override
    public void close() {
        api.close();
        enrollmentServer.close();
        channel.close();
        ingest.close();
        boss.shutdownGracefully().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
        blockingWork.shutdownNow();
        database.close();
        log.info("event=server.stopped");
    }
}
