package vn.canhgac.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.cli.ctl.ApiClient;

/** The admin HTTPS API of a test server, as one logged-in person uses it (password and TOTP, then a bearer session). */
public final class AdminApi {

    private static final String PASSWORD = "mật khẩu đủ dài cho kiểm thử";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the JSON body the server answered with. */
    public record Answer(int status, JsonNode body) {}

    private final HttpClient http;
    private final URI base;
    private final String bearer;

    private AdminApi(HttpClient http, URI base, String bearer) {
        this.http = http;
        this.base = base;
        this.bearer = bearer;
    }

    /** Creates the account on the server (as its console would) and logs in over HTTPS. */
    public static AdminApi login(CanhGacServer server, String username, Role role, List<String> units) {
        AccountService.NewAccount account = server.accounts().create(AccountService.CONSOLE, username, role, units, PASSWORD);
        HttpClient http = HttpClient.newBuilder().sslContext(ApiClient.sslContext(List.of(server.ca().certificate())))
                .version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY).build();
        URI base = URI.create("https://127.0.0.1:" + server.api().localAddress().getPort());
        String code = Totp.code(Totp.fromBase32(account.totpSecret()), Clock.systemUTC().instant());
        AdminApi anonymous = new AdminApi(http, base, null);
        Answer session = anonymous.json("POST", "/api/v1/sessions",
                Map.of("username", username, "password", PASSWORD, "totpCode", code));
        if (session.status() != 201 && session.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + session);
        }
        return new AdminApi(http, base, session.body().get("token").textValue());
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer json(String method, String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer yaml(String path, String document) {
        return send(request(path).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("the admin API at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
