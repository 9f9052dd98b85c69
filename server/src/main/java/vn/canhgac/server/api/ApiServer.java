package vn.canhgac.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.api.ApiModel.Health;

/**
 * The admin HTTPS API, {@code /api/v1} (described in {@code openapi/admin-api.yaml}, served at
 * {@code /api/v1/openapi.yaml}): sessions, units, accounts, enrolment tokens, agents, events and
 * the audit log, for {@code canhgacctl} and scripts. TLS 1.3 only, with the server's own
 * certificate; every route but health, the OpenAPI document and login needs a session token as
 * a bearer token, and each route asks {@code Access} what the session's account may do.
 *
 * <p>Implementation notes. Vert.x runs here with its own, small thread pools: one event loop
 * (the API serves a few administrators, not the fleet) and four workers for store calls, so the
 * API can neither starve nor be starved by the agent channel's Netty loops. Handlers never block
 * the event loop; see {@link Responses#blocking}. The router reads like the request's path:
 * access log → health, OpenAPI, login (open) → session check → body (64 KiB at most; a bundle for /imports up to 16 MiB and a bit) → routes
 * → JSON errors.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String OPENAPI_RESOURCE = "/openapi/admin-api.yaml";
    private static final int WORKER_THREADS = 4;
    private static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final int HANDSHAKE_TIMEOUT_SECONDS = 10;
    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApiServer(Vertx vertx, HttpServer server, InetSocketAddress localAddress) {
        this.vertx = vertx;
        this.server = server;
        this.localAddress = localAddress;
    }

    /**
     * Starts listening on {@code address} (port 0 picks a free port) and returns once it does.
     *
     * @param caFingerprintHex     SHA-256 of the CA certificate, put into every token so the agent can pin it
     * @param advertisedEnrollment the enrolment address printed in the {@code canhgac-agent enroll} command
     * @param clock                decides whether an unused token has expired
     * @throws IllegalStateException if the address cannot be bound or TLS cannot be set up
     */
    public static ApiServer start(InetSocketAddress address, KeyMaterial identity, ApiServices services, String caFingerprintHex,
                                  InetSocketAddress advertisedEnrollment, Clock clock) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(services, "services");
        Responses responses = new Responses(ApiJson.mapper());
        SessionRoutes sessionRoutes = new SessionRoutes(services.sessions(), responses);
        TokenRoutes tokenRoutes = new TokenRoutes(services.tokens(), services.access(), services.audit(), responses, clock,
                caFingerprintHex, advertisedEnrollment);
        AgentRoutes agentRoutes = new AgentRoutes(services.agents(), services.access(), services.audit(), responses);
        EventRoutes eventRoutes = new EventRoutes(services.events(), services.agents(), services.access(), responses);
        UnitRoutes unitRoutes = new UnitRoutes(services.units(), services.access(), services.audit(), responses);
        UserRoutes userRoutes = new UserRoutes(services.accounts(), services.sessions(), services.access(), responses);
        AuditRoutes auditRoutes = new AuditRoutes(services.audit(), services.access(), responses);
        Buffer openApi = openApiDocument();
        ImportRoutes importRoutes = new ImportRoutes(services.imports(), services.access(), responses);
        PolicyRoutes policyRoutes = new PolicyRoutes(services, responses);
        PolicyDryRunRoutes dryRunRoutes = new PolicyDryRunRoutes(services.dryRun(), services.units(), services.access(), services.audit(),
                responses);
        SocRoutes socRoutes = new SocRoutes(services.socExport(), services.access(), responses);
        IncidentRoutes incidentRoutes = new IncidentRoutes(services.incidents(), services.agents(), services.accounts(), services.units(),
                services.access(), responses);
        RetentionRoutes retentionRoutes = new RetentionRoutes(services.retention(), services.access(), responses);
        ReportRoutes reportRoutes = new ReportRoutes(services.reports(), services.signingKeys(), responses);

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(WORKER_THREADS)
                .setInternalBlockingPoolSize(1)
                // No file serving: keep Vert.x from creating a file cache directory.
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            Router router = Router.router(vertx);
            router.route().handler(ApiServer::logRequest);
            router.route().failureHandler(context -> failed(context, responses));
            router.get("/api/v1/health").handler(context -> responses.json(context, 200, new Health("ok")));
            router.get("/api/v1/openapi.yaml").handler(context -> context.response().putHeader(HttpHeaders.CONTENT_TYPE,
                    "application/yaml; charset=utf-8").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(openApi));
            sessionRoutes.mountLogin(router);
            router.route("/api/v1/*").handler(new BearerAuthentication(services.sessions(), responses));
            // Bundles are larger than any other body; the first body handler a request meets is the one that reads it.
            router.post(ImportRoutes.PATH).handler(BodyHandler.create(false).setBodyLimit(ImportRoutes.MAX_BODY_BYTES));
            router.post(PolicyRoutes.PATH + "*").handler(BodyHandler.create(false).setBodyLimit(PolicyParser.MAX_POLICY_BYTES));
            router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
            sessionRoutes.mount(router);
            tokenRoutes.mount(router);
            agentRoutes.mount(router);
            eventRoutes.mount(router);
            unitRoutes.mount(router);
            userRoutes.mount(router);
            auditRoutes.mount(router);
            importRoutes.mount(router);
            policyRoutes.mount(router);
            dryRunRoutes.mount(router);
            socRoutes.mount(router);
            incidentRoutes.mount(router);
            retentionRoutes.mount(router);
            reportRoutes.mount(router);
            router.errorHandler(404, context -> responses.error(context, 404, "there is no " + context.request().method() + " "
                    + context.normalizedPath() + "; the admin API's routes are under /api/v1 (see openapi/admin-api.yaml)"));
            router.errorHandler(405, context -> responses.error(context, 405, context.request().method() + " is not allowed on "
                    + context.normalizedPath()));
            router.errorHandler(400, context -> responses.error(context, 400, "the request is malformed (its path or headers"
                    + " could not be read)"));
            router.errorHandler(413, context -> responses.error(context, 413, "the request body is larger than "
                    + bodyLimit(context.normalizedPath()) + " bytes"));

            HttpServer server = vertx.createHttpServer(serverOptions(identity)).requestHandler(router)
                    .listen(address.getPort(), address.getHostString())
                    .await(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            InetSocketAddress bound = new InetSocketAddress(address.getAddress() != null ? address.getAddress().getHostAddress()
                    : address.getHostString(), server.actualPort());
            log.info("event=api.listening address={}", bound);
            return new ApiServer(vertx, server, bound);
        } catch (TimeoutException | RuntimeException e) {
            closeQuietly(vertx);
            throw new IllegalStateException("cannot start the admin API on " + address.getHostString() + ":" + address.getPort() + ": "
                    + Errors.rootMessage(e) + " (check apiListen in server.yaml, and that no other process uses the port)", e);
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Stops accepting requests and stops the API's threads; waits up to 30 seconds. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close().await(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            vertx.close().await(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("event=api.stopped address={}", localAddress);
        } catch (TimeoutException e) {
            log.warn("event=api.stop_timeout address={} seconds={}", localAddress, START_STOP_TIMEOUT_SECONDS);
        }
    }

    private static Buffer openApiDocument() {
        try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the server's classpath; the build is broken");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE + " from the classpath", e);
        }
    }

    private static int bodyLimit(String path) {
        if (ImportRoutes.PATH.equals(path)) {
            return ImportRoutes.MAX_BODY_BYTES;
        }
        return path.startsWith(PolicyRoutes.PATH) ? PolicyParser.MAX_POLICY_BYTES : MAX_BODY_BYTES;
    }

    private static HttpServerOptions serverOptions(KeyMaterial identity) {
        PemKeyCertOptions keyAndCertificate = new PemKeyCertOptions()
                .setKeyValue(Buffer.buffer(Pem.encode(identity.key())))
                .setCertValue(Buffer.buffer(Pem.encodeAll(identity.chain())));
        return new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(keyAndCertificate)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
                .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS)
                .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(false)
                .setDecompressionSupported(false);
    }

    /** One line per answered request. The query string is left out: it carries nothing the path does not, and may grow long. */
    private static void logRequest(RoutingContext context) {
        long started = System.nanoTime();
        context.addBodyEndHandler(ignored -> log.info("event=api.request method={} path={} status={} ms={} remote={}",
                context.request().method(), context.normalizedPath(), context.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000, context.request().remoteAddress()));
        context.next();
    }

    /** Refusals thrown on the event loop become their error answer; anything else is logged and answered 500. */
    private static void failed(RoutingContext context, Responses responses) {
        // The session check pauses the request until the body handler takes it; a body handler that
        // refuses at once (413 on the declared length) never resumes it, and a client still sending
        // the body would never read our answer. Draining it costs little: the refusal is already decided.
        context.request().resume();
        Throwable failure = context.failure();
        if (responses.refused(context, failure)) {
            return;
        }
        if (failure == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            // A status from Vert.x itself (413 from the body handler, 400 for a malformed request): the error handlers word it.
            context.next();
        } else {
            log.error("event=api.failed method={} path={} error=\"{}\"", context.request().method(), context.normalizedPath(),
                    failure == null ? "status " + context.statusCode() : Errors.rootMessage(failure), failure);
            responses.error(context, 500, "the server failed to answer this request; its log has the details (event=api.failed)");
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().await(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            log.warn("event=api.stop_failed error=\"{}\"", Errors.rootMessage(e));
        }
    }
}
