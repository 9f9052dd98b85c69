package vn.canhgac.server.cli.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.api.ApiJson;

/**
 * The admin API as {@code canhgacctl} sees it: HTTPS with TLS 1.3 to one address, trusting only
 * the server's own CA, the session token as a bearer token in a header (never in the URL).
 * Every failure becomes a {@link CtlException} that names the address and what to check.
 */
public final class ApiClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Optional<String> sessionToken;
    private final HttpClient http;
    private final ObjectMapper mapper = ApiJson.mapper();

    /**
     * @param base         {@code https://HOST:PORT}
     * @param sessionToken sent as the bearer token; empty only for logging in
     */
    public ApiClient(URI base, List<X509Certificate> trustedCas, Optional<String> sessionToken) {
        this.base = Objects.requireNonNull(base, "base");
        this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder()
                .sslContext(sslContext(trustedCas))
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The API is on this machine or named by --api: never through a proxy from the environment.
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /** A TLS 1.3 context of the JDK's own provider that trusts exactly these CA certificates. */
    public static SSLContext sslContext(List<X509Certificate> trustedCas) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trustedCas.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, trustedCas.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS 1.3 trusting the server's CA: " + Errors.rootMessage(e), e);
        }
    }

    public URI base() {
        return base;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** GET; {@code pathAndQuery} starts with {@code /api/v1/}. Returns the answer's body. */
    public String get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public String post(String path, Object jsonBody) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(jsonBody),
                StandardCharsets.UTF_8)));
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body as JSON", e);
        }
    }

    public String put(String path, Object jsonBody) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(jsonBody),
                StandardCharsets.UTF_8)));
    }

    /** POST of a file's bytes, streamed from disk, waiting up to {@code timeout} for the answer (large bodies take longer to store). */
    public String postFile(String pathAndQuery, Path file, Duration timeout) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new CtlException(file + " does not exist or cannot be read", e);
        }
        return send(request(pathAndQuery).timeout(timeout).header("Content-Type", "application/octet-stream").POST(body));
    }

    /**
     * GET of a file (a report), streamed to {@code target} through a temporary file beside it, so
     * an interrupted download never leaves a partial file under the final name.
     */
    public void download(String path, Path target, Duration timeout) {
        HttpRequest request = request(path).timeout(timeout).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting for the Canh Gác API at " + base, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                String error = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw new CtlException(errorMessage(error) + " (HTTP " + response.statusCode() + ")");
            }
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CtlException("cannot write " + target + ": " + Errors.rootMessage(e) + "; check the directory and free space", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Left behind only if the directory became unwritable; the message above already says what failed.
            }
        }
    }

    public String delete(String path) {
        return send(request(path).DELETE());
    }

    /** Reads an answer into one of the {@code ApiModel} records. */
    public <T> T read(String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CtlException("the API at " + base + " sent an answer canhgacctl cannot read (" + e.getOriginalMessage()
                    + "); is it a Canh Gác server of the same version?", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        sessionToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private String send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting for the Canh Gác API at " + base, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        // The server's message says what to do, including how to log in again after a 401.
        throw new CtlException(errorMessage(response.body()) + " (HTTP " + status + ")");
    }

    private CtlException unreachable(IOException e) {
        if (hasCause(e, HttpConnectTimeoutException.class)) {
            return new CtlException("the Canh Gác API at " + base + " did not accept a connection within " + CONNECT_TIMEOUT.toSeconds()
                    + " seconds: check --api and the firewall", e);
        }
        if (hasCause(e, ConnectException.class)) {
            return new CtlException("cannot reach the Canh Gác API at " + base + ": is `canhgac-server run` running?", e);
        }
        if (hasCause(e, HttpTimeoutException.class)) {
            return new CtlException("the Canh Gác API at " + base + " did not answer within " + REQUEST_TIMEOUT.toSeconds()
                    + " seconds; the server's log may say why", e);
        }
        if (hasCause(e, SSLException.class)) {
            return new CtlException("TLS with the Canh Gác API at " + base + " failed (" + Errors.rootMessage(e) + "): the server must"
                    + " present a certificate of the CA in --data-dir (pki/ca.crt) for this address; check --api and --data-dir", e);
        }
        return new CtlException("the request to the Canh Gác API at " + base + " failed: " + Errors.rootMessage(e), e);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private String errorMessage(String body) {
        try {
            JsonNode error = mapper.readTree(body).get("error");
            if (error != null && error.isTextual()) {
                return error.textValue();
            }
        } catch (JsonProcessingException e) {
            // Not one of our answers (a proxy, another service on the port): fall through to the generic text.
        }
        return "the server answered without an explanation";
    }

    /** {@code path?name=value&…} with each value percent-encoded; just {@code path} when there are none. */
    public static String withQuery(String path, Map<String, String> query) {
        return path + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    /** Percent-encodes one path segment (an id), so that any text stays inside its segment. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Used by {@link ConnectionOptions}: the CA certificates of a data directory, or an error saying which file is wrong. */
    static List<X509Certificate> readCas(Path caFile) {
        try {
            return Pem.readCertificates(caFile);
        } catch (IllegalArgumentException e) {
            throw new CtlException("cannot read the server's CA certificate: " + e.getMessage()
                    + " (is --data-dir the server's data directory, made by `canhgac-server init`?)", e);
        }
    }
}
