package vn.canhgac.server.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.agents.SilenceThresholds;
import vn.canhgac.server.auth.AccessSettings;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.retention.RetentionSettings;
import vn.canhgac.server.soc.SocExportConfig;

/**
 * The server's settings, validated as a whole when read ({@link ServerConfigReader}) and
 * immutable after. Defaults listen on loopback only: exposing a port is a decision.
 *
 * @param agentListen       where agents connect (mutual TLS)
 * @param enrollmentListen  where agents enrol (server-authenticated TLS)
 * @param apiListen         the admin HTTPS API
 * @param advertisedHost    the name or address agents use to reach this server; also in its certificate
 * @param serverNames       every name and address the server certificate must carry
 * @param silence           how long an agent of each role may go unheard before it is silent (an alert)
 * @param access            session lifetimes and the login lock-out
 * @param socExport         where events are forwarded to the SOC; none by default
 * @param reportingDeadline how long after an incident is raised it must be reported (incidents.reportingDeadlineHours)
 * @param retention         how long events are kept (retention.securityLevel, retention.eventsDays)
 */
public record ServerConfig(
        InetSocketAddress agentListen,
        InetSocketAddress enrollmentListen,
        InetSocketAddress apiListen,
        String advertisedHost,
        List<String> serverNames,
        TlsSettings tls,
        int heartbeatSeconds,
        SilenceThresholds silence,
        Duration agentCertificateValidity,
        long ingestHighWatermark,
        int workerThreads,
        AccessSettings access,
        SocExportConfig socExport,
        Duration reportingDeadline,
        RetentionSettings retention) {

    public ServerConfig {
        serverNames = List.copyOf(serverNames);
        Objects.requireNonNull(silence, "silence");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(socExport, "socExport");
        Objects.requireNonNull(reportingDeadline, "reportingDeadline");
        Objects.requireNonNull(retention, "retention");
        if (reportingDeadline.compareTo(Duration.ofHours(1)) < 0 || reportingDeadline.compareTo(MAX_REPORTING_DEADLINE) > 0) {
            throw new IllegalArgumentException("incidents.reportingDeadlineHours must be between 1 and " + MAX_REPORTING_DEADLINE.toHours()
                    + " (got " + reportingDeadline.toHours() + ")");
        }
        if (heartbeatSeconds < 5 || heartbeatSeconds > 3600) {
            throw new IllegalArgumentException("heartbeatSeconds must be between 5 and 3600 (got " + heartbeatSeconds + ")");
        }
        if (serverNames.isEmpty()) {
            throw new IllegalArgumentException("serverNames must list at least the advertised host");
        }
    }

    /**
     * With the default {@link AccessSettings}, reporting deadline (24 hours) and retention (security level 5), without SOC
     * export; {@code silentAfter} for roles without a default of their own.
     */
    public ServerConfig(InetSocketAddress agentListen, InetSocketAddress enrollmentListen, InetSocketAddress apiListen,
                        String advertisedHost, List<String> serverNames, TlsSettings tls, int heartbeatSeconds, Duration silentAfter,
                        Duration agentCertificateValidity, long ingestHighWatermark, int workerThreads) {
        this(agentListen, enrollmentListen, apiListen, advertisedHost, serverNames, tls, heartbeatSeconds,
                SilenceThresholds.withDefaultRoles(silentAfter, Map.of()), agentCertificateValidity, ingestHighWatermark, workerThreads,
                AccessSettings.defaults(), SocExportConfig.none(), IncidentRules.DEFAULT_REPORTING_DEADLINE, RetentionSettings.defaults());
    }

    public static ServerConfig defaults() {
        return new ServerConfig(
                new InetSocketAddress("127.0.0.1", 7443),
                new InetSocketAddress("127.0.0.1", 7444),
                new InetSocketAddress("127.0.0.1", 8443),
                "127.0.0.1",
                List.of("127.0.0.1", "localhost"),
                TlsSettings.HYBRID_PREFERRED,
                30,
                SilenceThresholds.defaults(),
                Duration.ofDays(365),
                200_000,
                0,
                AccessSettings.defaults(),
                SocExportConfig.none(),
                IncidentRules.DEFAULT_REPORTING_DEADLINE,
                RetentionSettings.defaults());
    }

    /** One month: the provincial plans ask for 24 hours; anything longer than a month is a typo. */
    static final Duration MAX_REPORTING_DEADLINE = Duration.ofDays(30);

    public InetSocketAddress advertisedChannel() {
        return new InetSocketAddress(advertisedHost, agentListen.getPort());
    }
}
