package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.api.ApiModel.CreatedToken;
import vn.canhgac.server.api.ApiModel.TokenList;
import vn.canhgac.server.api.ApiModel.TokenSummary;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.enrollment.TokenService.IssuedToken;
import vn.canhgac.server.store.EnrollmentToken;

/** {@code /api/v1/tokens}: create, list and revoke enrolment tokens. */
final class TokenRoutes {
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    private static final Set<String> CREATE_FIELDS = Set.of("unit", "role", "expires");

    private final TokenService tokens;
    private final Responses responses;
    private final Clock clock;
    private final String caFingerprintHex;
    private final String enrollmentAddress;

    TokenRoutes(TokenService tokens, Responses responses, Clock clock, String caFingerprintHex,
                InetSocketAddress advertisedEnrollment) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.responses = Objects.requireNonNull(responses, "responses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caFingerprintHex = Objects.requireNonNull(caFingerprintHex, "caFingerprintHex");
        this.enrollmentAddress = hostAndPort(Objects.requireNonNull(advertisedEnrollment, "advertisedEnrollment"));
    }

    void mount(Router router) {
        router.post("/api/v1/tokens").handler(this::create);
        router.get("/api/v1/tokens").handler(this::list);
        router.delete("/api/v1/tokens/:id").handler(this::revoke);
    }

    private void create(RoutingContext context) {
        CreateRequest request = CreateRequest.parse(responses, context.body().buffer());
        responses.blocking(context, 201, () -> {
            IssuedToken issued;
            try {
                issued = tokens.create(request.unit(), request.role(), request.validity());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            EnrollmentToken token = issued.token();
            String code = new EnrollmentTokenCode(issued.secret(), caFingerprintHex).format();
            return new CreatedToken(token.id(), token.unit(), token.role(), token.createdAt(), token.expiresAt(), code,
                    Fingerprints.display(caFingerprintHex), "canhgac-agent enroll --server " + enrollmentAddress + " --token " + code);
        });
    }

    private void list(RoutingContext context) {
        responses.blocking(context, 200, () -> {
            Instant now = clock.instant();
            return new TokenList(tokens.list().stream().map(token -> summary(token, now)).toList());
        });
    }

    private void revoke(RoutingContext context) {
        String id = context.pathParam("id");
        responses.blocking(context, Responses.NO_CONTENT, () -> {
            EnrollmentToken token = tokens.list().stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("no enrolment token has id \"" + id + "\"; `canhgacctl token list` shows them"));
            if (token.revokedAt().isPresent()) {
                throw ApiException.conflict("token " + id + " was already revoked at " + token.revokedAt().get());
            }
            if (token.usedAt().isPresent()) {
                throw ApiException.conflict("token " + id + " was already used at " + token.usedAt().get() + " by agent "
                        + token.usedByAgentId().orElse("?") + "; to cut that machine off, revoke the agent instead");
            }
            if (!tokens.revoke(id)) {
                throw ApiException.conflict("token " + id + " was used or revoked while this request ran; list the tokens to see its state");
            }
            return null;
        });
    }

    static TokenSummary summary(EnrollmentToken token, Instant now) {
        return new TokenSummary(token.id(), token.unit(), token.role(), token.createdAt(), token.expiresAt(), state(token, now),
                token.usedAt().orElse(null), token.usedByAgentId().orElse(null));
    }

    /** A revoked token stays revoked and a used one used, whatever the time; otherwise expiry decides. */
    static String state(EnrollmentToken token, Instant now) {
        if (token.revokedAt().isPresent()) {
            return "revoked";
        }
        if (token.usedAt().isPresent()) {
            return "used";
        }
        return now.isBefore(token.expiresAt()) ? "unused" : "expired";
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The body of {@code POST /tokens}, checked field by field so that each error names its field. */
    private record CreateRequest(String unit, String role, Duration validity) {

        static CreateRequest parse(Responses responses, Buffer body) {
            if (body == null || body.length() == 0) {
                throw ApiException.badRequest("the request body must be a JSON object like "
                        + "{\"unit\":\"Sở Nội vụ\",\"role\":\"secret-workstation\",\"expires\":\"24h\"}");
            }
            JsonNode root;
            try {
                root = responses.mapper().readTree(body.toString(StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw ApiException.badRequest("the request body must be a JSON object with the fields unit, role and expires");
            }
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!CREATE_FIELDS.contains(name)) {
                    throw ApiException.badRequest("unknown field \"" + name + "\"; a token has the fields unit, role and expires");
                }
            }
            String unit = text(root, "unit", true);
            String role = text(root, "role", true);
            String expires = text(root, "expires", false);
            Duration validity;
            try {
                validity = expires == null ? DEFAULT_VALIDITY : DurationText.parse("expires", expires);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            // TokenService checks this too, but words it for its own callers; say it in the request's terms.
            if (validity.compareTo(TokenService.MIN_VALIDITY) < 0 || validity.compareTo(TokenService.MAX_VALIDITY) > 0) {
                throw ApiException.badRequest("expires must be between 1m and 30d (got \"" + expires + "\")");
            }
            return new CreateRequest(unit, role, validity);
        }

        private static String text(JsonNode root, String field, boolean required) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw ApiException.badRequest(field + " is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                throw ApiException.badRequest(field + " must be a string (got " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
            }
            return value.textValue();
        }
    }
}
