package vn.canhgac.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.server.soc.SocDestination;
import vn.canhgac.server.soc.SocExportConfig;
import vn.canhgac.server.soc.SocKind;
import vn.canhgac.server.soc.SyslogFormat;
import vn.canhgac.server.store.SocFilter;

/** The {@code socExport} keys of server.yaml and their defaults; the names are a contract documented in README.md. */
final class SocExportSection {
    /** RFC 5612's documentation number: Canh Gác has no registered private enterprise number (docs/known-limitations.md). */
    static final int DEFAULT_ENTERPRISE_NUMBER = 32473;
    /** rsyslog's default maximum message size. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 8192;
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5),
            Map.entry("authpriv", 10), Map.entry("security", 13), Map.entry("local0", 16), Map.entry("local1", 17),
            Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20), Map.entry("local5", 21),
            Map.entry("local6", 22), Map.entry("local7", 23));

    @JsonProperty public List<Destination> destinations;

    static final class Destination {
        @JsonProperty public String name;
        @JsonProperty public String kind;
        @JsonProperty public String host;
        @JsonProperty public Integer port;
        @JsonProperty public String url;
        @JsonProperty public String format;
        @JsonProperty public String caFile;
        @JsonProperty public String clientCertificate;
        @JsonProperty public String clientKey;
        @JsonProperty public Integer minSeverity;
        @JsonProperty public List<String> types;
        @JsonProperty public String appName;
        @JsonProperty public String hostname;
        @JsonProperty public String facility;
        @JsonProperty public Integer enterpriseNumber;
        @JsonProperty public Integer maxMessageBytes;
        @JsonProperty public Integer batchSize;
        @JsonProperty public String startAt;
    }

    /** @throws IllegalArgumentException naming the destination and the key at fault */
    static SocExportConfig apply(SocExportSection section) {
        if (section == null || section.destinations == null) {
            return SocExportConfig.none();
        }
        List<SocDestination> destinations = new ArrayList<>();
        for (int i = 0; i < section.destinations.size(); i++) {
            Destination d = section.destinations.get(i);
            String where = "socExport.destinations[" + i + "]" + (d != null && d.name != null ? " (" + d.name + ")" : "");
            try {
                if (d == null) {
                    throw new IllegalArgumentException("is empty; give at least name and kind");
                }
                destinations.add(destination(d));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new SocExportConfig(destinations);
    }

    private static SocDestination destination(Destination d) {
        if (d.kind == null) {
            throw new IllegalArgumentException("kind is required, one of syslog-tls, syslog-tcp, syslog-udp, relp-tls, https-json");
        }
        SocKind kind = SocKind.parse(d.kind);
        Optional<URI> url = Optional.ofNullable(d.url).map(SocExportSection::uri);
        if (kind == SocKind.HTTPS_JSON && (d.host != null || d.port != null || d.format != null)) {
            throw new IllegalArgumentException("kind https-json takes url, not host, port or format");
        }
        String host = url.map(URI::getHost).orElse(d.host != null ? d.host : "127.0.0.1");
        int port = url.map(u -> u.getPort() == -1 ? 443 : u.getPort()).orElseGet(() -> d.port != null ? d.port : defaultPort(kind));
        return new SocDestination(d.name, kind, host, port, url,
                d.format != null ? SyslogFormat.parse(d.format) : SyslogFormat.RFC5424_SD,
                Optional.ofNullable(d.caFile).map(Path::of), Optional.ofNullable(d.clientCertificate).map(Path::of),
                Optional.ofNullable(d.clientKey).map(Path::of),
                new SocFilter(d.minSeverity != null ? d.minSeverity : 0, d.types != null ? d.types : List.of()),
                d.appName != null ? d.appName : "canhgac", d.hostname != null ? d.hostname : "canhgac-server",
                d.facility != null ? facility(d.facility) : FACILITIES.get("local4"),
                d.enterpriseNumber != null ? d.enterpriseNumber : DEFAULT_ENTERPRISE_NUMBER,
                d.maxMessageBytes != null ? d.maxMessageBytes : DEFAULT_MAX_MESSAGE_BYTES,
                d.batchSize != null ? d.batchSize : (kind == SocKind.HTTPS_JSON ? 100 : 500),
                startAtOldest(d.startAt));
    }

    private static int defaultPort(SocKind kind) {
        return switch (kind) {
            case SYSLOG_TLS -> 6514;
            case SYSLOG_TCP, SYSLOG_UDP -> 514;
            case RELP_TLS -> throw new IllegalArgumentException("port is required for kind relp-tls (RELP has no standard port)");
            case HTTPS_JSON -> 443;
        };
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getMessage());
        }
    }

    private static int facility(String name) {
        Integer code = FACILITIES.get(name);
        if (code == null) {
            throw new IllegalArgumentException("facility must be one of " + FACILITIES.keySet().stream().sorted().toList()
                    + " (got \"" + name + "\")");
        }
        return code;
    }

    private static boolean startAtOldest(String value) {
        if (value == null || value.equals("newest")) {
            return false;
        }
        if (value.equals("oldest")) {
            return true;
        }
        throw new IllegalArgumentException("startAt must be newest (only events stored from now on) or oldest (every stored event)"
                + " (got \"" + value + "\")");
    }
}
