package vn.canhgac.server.soc;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.canhgac.server.store.SocFilter;

/**
 * One receiver of SOC export, validated when made.
 *
 * @param host             syslog receiver; for https-json the URL's host
 * @param port             syslog receiver; for https-json the URL's port
 * @param url              https-json only
 * @param format           syslog kinds only (https-json always sends JSON)
 * @param caFile           the CA certificates (PEM) the receiver's certificate must chain to; required for TLS kinds
 * @param facility         syslog facility code, 0..23
 * @param enterpriseNumber the private enterprise number in the structured-data id {@code canhgac@N}
 * @param maxMessageBytes  a syslog message longer than this has its MSG cut, with a marker
 * @param batchSize        events per write (syslog) or per POST (https-json)
 * @param startAtOldest    a new destination receives every stored event, not only those stored from now on
 */
public record SocDestination(String name, SocKind kind, String host, int port, Optional<URI> url, SyslogFormat format,
                             Optional<Path> caFile, Optional<Path> clientCertificate, Optional<Path> clientKey, SocFilter filter,
                             String appName, String hostname, int facility, int enterpriseNumber, int maxMessageBytes,
                             int batchSize, boolean startAtOldest) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** RFC 5424 PRINTUSASCII: no spaces, no controls. */
    private static final Pattern PRINTABLE = Pattern.compile("[!-~]+");
    public static final int MIN_MESSAGE_BYTES = 480;
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    public SocDestination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(filter, "filter");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit"
                    + " (got " + (name == null ? "nothing" : "\"" + name + "\"") + ")");
        }
        if (kind == SocKind.HTTPS_JSON) {
            URI u = url.orElseThrow(() -> new IllegalArgumentException("kind https-json needs url (https://HOST:PORT/PATH)"));
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("url must be an https:// URL with a host (got \"" + u + "\")");
            }
        } else if (url.isPresent()) {
            throw new IllegalArgumentException("url is for kind https-json only; kind " + kind.configName() + " takes host and port");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required for kind " + kind.configName());
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535 (got " + port + ")");
        }
        if (kind.tls() && caFile.isEmpty()) {
            throw new IllegalArgumentException("caFile is required for kind " + kind.configName()
                    + ": name the PEM file of the CA that issued the receiver's certificate");
        }
        if (!kind.tls() && (caFile.isPresent() || clientCertificate.isPresent())) {
            throw new IllegalArgumentException("caFile and clientCertificate need a TLS kind; " + kind.configName() + " is not encrypted");
        }
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("clientCertificate and clientKey go together: give both or neither");
        }
        if (!PRINTABLE.matcher(appName).matches() || appName.length() > 48) {
            throw new IllegalArgumentException("appName must be 1 to 48 printable ASCII characters without spaces (got \"" + appName + "\")");
        }
        if (!PRINTABLE.matcher(hostname).matches() || hostname.length() > 255) {
            throw new IllegalArgumentException("hostname must be 1 to 255 printable ASCII characters without spaces (got \"" + hostname + "\")");
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility must be between 0 and 23 (got " + facility + ")");
        }
        if (enterpriseNumber < 1) {
            throw new IllegalArgumentException("enterpriseNumber must be positive (got " + enterpriseNumber + ")");
        }
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be between " + MIN_MESSAGE_BYTES + " and " + MAX_MESSAGE_BYTES
                    + " (got " + maxMessageBytes + ")");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 1000 (got " + batchSize + ")");
        }
    }

    /** Where events go, for status and logs: {@code host:port} or the URL. */
    public String target() {
        return url.map(URI::toString).orElse(host + ":" + port);
    }
}
