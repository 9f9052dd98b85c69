package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.api.ApiModel.CreatedSession;
import vn.canhgac.server.api.ApiModel.SessionSummary;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.auth.SessionService.Credentials;
import vn.canhgac.server.auth.SessionService.Login;
import vn.canhgac.server.store.Session;

/**
 * {@code /api/v1/sessions}: log in (the one route that takes no session), see the current
 * session, log out.
 */
final class SessionRoutes {
    /** A login body is small; refusing large ones early keeps the unauthenticated route cheap. */
    private static final int MAX_LOGIN_BYTES = 4 * 1024;
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "totpCode", "recoveryCode");

    private final SessionService sessions;
    private final Responses responses;

    SessionRoutes(SessionService sessions, Responses responses) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    /** Mounted before the bearer check. */
    void mountLogin(Router router) {
        router.post("/api/v1/sessions").handler(BodyHandler.create(false).setBodyLimit(MAX_LOGIN_BYTES)).handler(this::login);
    }

    /** Mounted after the bearer check. */
    void mount(Router router) {
        router.get("/api/v1/sessions/current").handler(this::current);
        router.delete("/api/v1/sessions/current").handler(this::logout);
    }

    private void login(RoutingContext context) {
        JsonBody body = JsonBody.parse(responses.mapper(), context.body().buffer(), LOGIN_FIELDS,
                "{\"username\":\"lan\",\"password\":\"…\",\"totpCode\":\"123456\"}");
        Optional<String> totp = body.optional("totpCode");
        Optional<String> recovery = body.optional("recoveryCode");
        if (totp.isPresent() && recovery.isPresent()) {
            throw ApiException.badRequest("give either totpCode or recoveryCode, not both");
        }
        Credentials credentials = new Credentials(body.required("username"), body.required("password"), totp, recovery,
                BearerAuthentication.remote(context));
        responses.blocking(context, 201, () -> switch (sessions.login(credentials)) {
            case Login.LoggedIn in -> new CreatedSession(in.token(), in.principal().username(), in.principal().role().wire(),
                    sorted(in.principal()), in.session().createdAt(), in.session().expiresAt(),
                    sessions.settings().sessionIdle().toMinutes(), in.recoveryCodesLeft());
            case Login.Refused refused -> throw ApiException.unauthorized(SessionService.refusedMessage());
            case Login.Locked locked -> throw ApiException.forbidden("this account was locked at " + locked.lockedAt() + " ("
                    + locked.reason() + "); an admin can unlock it with `canhgacctl user unlock " + credentials.username().strip() + "`");
        });
    }

    private void current(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        Session session = BearerAuthentication.session(context);
        responses.json(context, 200, new SessionSummary(principal.username(), principal.role().wire(), sorted(principal),
                session.createdAt(), session.expiresAt(), session.lastUsedAt()));
    }

    private void logout(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        Session session = BearerAuthentication.session(context);
        responses.blocking(context, Responses.NO_CONTENT, () -> sessions.logout(principal, session));
    }

    static List<String> sorted(Principal principal) {
        return principal.units().stream().sorted().toList();
    }
}
