package vn.canhgac.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.api.ApiModel.CreatedToken;
import vn.canhgac.server.api.ApiModel.TokenList;
import vn.canhgac.server.api.ApiModel.TokenSummary;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.enrollment.TokenService.IssuedToken;
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.units.UnitService;

/** {@code /api/v1/tokens}: create, list and revoke enrolment tokens of the caller's units (admins and officers). */
final class TokenRoutes {
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    private static final Set<String> CREATE_FIELDS = Set.of("unit", "role", "expires");

    private final TokenService tokens;
    private final Access access;
    private final AuditLog audit;
    private final Responses responses;
    private final Clock clock;
    private final String caFingerprintHex;
    private final String enrollmentAddress;

    TokenRoutes(TokenService tokens, Access access, AuditLog audit, Responses responses, Clock clock, String caFingerprintHex,
                InetSocketAddress advertisedEnrollment) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
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
        Principal principal = BearerAuthentication.principal(context);
        CreateRequest request = CreateRequest.parse(responses, context.body().buffer());
        responses.blocking(context, 201, () -> {
            access.requireRole(principal, "create enrolment tokens", Access.WRITERS);
            IssuedToken issued;
            try {
                String unit = UnitService.normalizeName(request.unit());
                access.requireVisible(principal, unit, "create enrolment tokens", "unit:" + unit, UnitService.notFound(unit));
                issued = tokens.create(unit, request.role(), request.validity());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            EnrollmentToken token = issued.token();
            audit.record(principal.username(), "token.issued", "token:" + token.id(),
                    Map.of("unit", token.unit(), "role", token.role(), "expiresAt", token.expiresAt().toString()));
            String code = new EnrollmentTokenCode(issued.secret(), caFingerprintHex).format();
            return new CreatedToken(token.id(), token.unit(), token.role(), token.createdAt(), token.expiresAt(), code,
                    Fingerprints.display(caFingerprintHex), "canhgac-agent enroll --server " + enrollmentAddress + " --token " + code);
        });
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "list enrolment tokens", Access.WRITERS);
            Optional<Set<String>> visible = access.visibleUnits(principal);
            Instant now = clock.instant();
            return new TokenList(tokens.list().stream()
                    .filter(token -> visible.map(units -> units.contains(token.unit())).orElse(true))
                    .map(token -> summary(token, now)).toList());
        });
    }

    private void revoke(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, Responses.NO_CONTENT, () -> {
            access.requireRole(principal, "revoke enrolment tokens", Access.WRITERS);
            String notFound = "no enrolment token has id \"" + id + "\"; `canhgacctl token list` shows them";
            EnrollmentToken token = tokens.find(id)
                    .orElseThrow(() -> ApiException.notFound(notFound));
            access.requireVisible(principal, token.unit(), "revoke enrolment tokens", "token:" + id, notFound);
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
            audit.record(principal.username(), "token.revoked", "token:" + id, Map.of("unit", token.unit()));
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
            JsonBody request = JsonBody.parse(responses.mapper(), body, CREATE_FIELDS,
                    "{\"unit\":\"Sở Nội vụ\",\"role\":\"secret-workstation\",\"expires\":\"24h\"}");
            String unit = request.required("unit");
            String role = request.required("role");
            String expires = request.optional("expires").orElse(null);
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
    }
}
