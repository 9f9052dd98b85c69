package vn.canhgac.server.soc;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How events travel to a SOC destination; the names are the {@code kind} values of server.yaml. */
public enum SocKind {
    /** RFC 5424 over TLS with RFC 5425 octet counting. */
    SYSLOG_TLS("syslog-tls", true),
    /** RFC 5424 over plain TCP with octet counting (RFC 6587), for sites whose receiver has no TLS. */
    SYSLOG_TCP("syslog-tcp", false),
    /** RFC 5424 over UDP (RFC 5426): no delivery guarantee at all. */
    SYSLOG_UDP("syslog-udp", false),
    /** RFC 5424 messages over RELP with TLS: the receiver acknowledges each message, so nothing is lost or repeated. */
    RELP_TLS("relp-tls", true),
    /** Batches of JSON events POSTed over HTTPS, signed with the server's Ed25519 and ML-DSA-65 keys. */
    HTTPS_JSON("https-json", true);

    private final String configName;
    private final boolean tls;

    SocKind(String configName, boolean tls) {
        this.configName = configName;
        this.tls = tls;
    }

    public String configName() {
        return configName;
    }

    public boolean tls() {
        return tls;
    }

    public static SocKind parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.configName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind must be one of " + names() + " (got \"" + value + "\")"));
    }

    static String names() {
        return Arrays.stream(values()).map(SocKind::configName).collect(Collectors.joining(", "));
    }
}
