package vn.canhgac.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.protocol.config.YamlDocuments;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.agents.SilenceThresholds;
import vn.canhgac.server.auth.AccessSettings;
import vn.canhgac.server.retention.RetentionSettings;

/**
 * Reads {@code server.yaml}. Every key is optional (the defaults are {@link ServerConfig#defaults()});
 * an unknown key, a wrong type or an invalid value is an error naming the file and the key.
 */
public final class ServerConfigReader {

    private ServerConfigReader() {}

    /** The YAML keys; their names are a contract documented in README.md. */
    static final class Document {
        @JsonProperty public String agentListen;
        @JsonProperty public String enrollmentListen;
        @JsonProperty public String apiListen;
        @JsonProperty public String advertisedHost;
        @JsonProperty public List<String> serverNames;
        @JsonProperty public List<String> tlsNamedGroups;
        @JsonProperty public Integer heartbeatSeconds;
        @JsonProperty public Integer silentAfterMinutes;
        @JsonProperty public Map<String, Integer> silentAfterMinutesByRole;
        @JsonProperty public Integer agentCertificateDays;
        @JsonProperty public Long ingestHighWatermark;
        @JsonProperty public Integer workerThreads;
        @JsonProperty public Integer sessionHours;
        @JsonProperty public Integer sessionIdleMinutes;
        @JsonProperty public Integer lockoutAttempts;
        @JsonProperty public Integer lockoutWindowMinutes;
        @JsonProperty public SocExportSection socExport;
        @JsonProperty public Incidents incidents;
        @JsonProperty public Retention retention;
    }

    /** {@code incidents:} */
    static final class Incidents {
        @JsonProperty public Integer reportingDeadlineHours;
    }

    /** {@code retention:} */
    static final class Retention {
        @JsonProperty public Integer securityLevel;
        @JsonProperty public Integer eventsDays;
    }

    public static ServerConfig read(Path file) {
        Document document = YamlDocuments.read(file, Document.class).orElseGet(Document::new);
        try {
            return apply(document);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static ServerConfig apply(Document d) {
        ServerConfig base = ServerConfig.defaults();
        String advertised = d.advertisedHost != null ? d.advertisedHost : base.advertisedHost();
        return new ServerConfig(
                d.agentListen != null ? address("agentListen", d.agentListen) : base.agentListen(),
                d.enrollmentListen != null ? address("enrollmentListen", d.enrollmentListen) : base.enrollmentListen(),
                d.apiListen != null ? address("apiListen", d.apiListen) : base.apiListen(),
                advertised,
                d.serverNames != null ? d.serverNames : (d.advertisedHost != null ? List.of(advertised) : base.serverNames()),
                d.tlsNamedGroups != null ? new TlsSettings(d.tlsNamedGroups) : base.tls(),
                d.heartbeatSeconds != null ? d.heartbeatSeconds : base.heartbeatSeconds(),
                silence(d, base.silence()),
                d.agentCertificateDays != null ? Duration.ofDays(positive("agentCertificateDays", d.agentCertificateDays))
                        : base.agentCertificateValidity(),
                d.ingestHighWatermark != null ? positive("ingestHighWatermark", d.ingestHighWatermark) : base.ingestHighWatermark(),
                d.workerThreads != null ? (int) positive("workerThreads", d.workerThreads) : base.workerThreads(),
                access(d, base.access()),
                SocExportSection.apply(d.socExport),
                d.incidents != null && d.incidents.reportingDeadlineHours != null
                        ? Duration.ofHours(positive("incidents.reportingDeadlineHours", d.incidents.reportingDeadlineHours))
                        : base.reportingDeadline(),
                retention(d.retention, base.retention()));
    }

    /** The per-role map is laid over the documented per-role defaults; every role it does not name gets silentAfterMinutes. */
    private static SilenceThresholds silence(Document d, SilenceThresholds base) {
        Duration fallback = d.silentAfterMinutes != null ? Duration.ofMinutes(positive("silentAfterMinutes", d.silentAfterMinutes))
                : base.fallback();
        Map<String, Duration> byRole = new LinkedHashMap<>();
        if (d.silentAfterMinutesByRole != null) {
            d.silentAfterMinutesByRole.forEach((role, minutes) -> {
                String key = "silentAfterMinutesByRole." + role;
                if (minutes == null) {
                    throw new IllegalArgumentException(key + " must be a number of minutes (got nothing)");
                }
                byRole.put(role, Duration.ofMinutes(positive(key, minutes)));
            });
        }
        return SilenceThresholds.withDefaultRoles(fallback, byRole);
    }

    private static RetentionSettings retention(Retention r, RetentionSettings base) {
        if (r == null) {
            return base;
        }
        return new RetentionSettings(r.securityLevel != null ? r.securityLevel : base.securityLevel(), Optional.ofNullable(r.eventsDays));
    }

    private static AccessSettings access(Document d, AccessSettings base) {
        return new AccessSettings(
                d.sessionHours != null ? Duration.ofHours(positive("sessionHours", d.sessionHours)) : base.sessionLifetime(),
                d.sessionIdleMinutes != null ? Duration.ofMinutes(positive("sessionIdleMinutes", d.sessionIdleMinutes)) : base.sessionIdle(),
                d.lockoutAttempts != null ? (int) positive("lockoutAttempts", d.lockoutAttempts) : base.lockoutAttempts(),
                d.lockoutWindowMinutes != null ? Duration.ofMinutes(positive("lockoutWindowMinutes", d.lockoutWindowMinutes))
                        : base.lockoutWindow());
    }

    private static InetSocketAddress address(String key, String value) {
        InetSocketAddress unresolved = YamlDocuments.address(key, value);
        return new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
    }

    private static long positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive (got " + value + ")");
        }
        return value;
    }
}
