package vn.canhgac.server.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.auth.SessionService.Authentication;
import vn.canhgac.server.store.Session;

/**
 * Admits a request only with {@code Authorization: Bearer <session token>} of a live session, and
 * hands the session's {@link Principal} to the routes after it ({@link #principal}). The token is
 * checked on a worker thread, since it is looked up in the store. A refusal is audited and logged
 * with the reason and the client's address, never with what it presented.
 *
 * <p>Routes mounted after this handler need do nothing to be protected; a route that must tell
 * who is asking calls {@link #principal}, and {@code Access} for what that account may do.
 */
final class BearerAuthentication implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);
    private static final String SCHEME = "bearer ";
    private static final String PRINCIPAL = "canhgac.principal";
    private static final String SESSION = "canhgac.session";

    private final SessionService sessions;
    private final Responses responses;

    BearerAuthentication(SessionService sessions, Responses responses) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    /** The account making this request; only on routes mounted after this handler. */
    static Principal principal(RoutingContext context) {
        return Objects.requireNonNull(context.get(PRINCIPAL), "no principal: the route is not behind BearerAuthentication");
    }

    static Session session(RoutingContext context) {
        return Objects.requireNonNull(context.get(SESSION), "no session: the route is not behind BearerAuthentication");
    }

    @Override
    public void handle(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.toLowerCase(Locale.ROOT).startsWith(SCHEME) ? header.substring(SCHEME.length()) : null;
        String remote = remote(context);
        // The body handler after this one must see the whole body: hold it back while the store is asked.
        context.request().pause();
        context.vertx().executeBlocking(() -> sessions.authenticate(token, remote), false).onComplete(result -> {
            if (result.failed()) {
                context.fail(500, result.cause());
            } else if (result.result() instanceof Authentication.Authenticated authenticated) {
                context.put(PRINCIPAL, authenticated.principal());
                context.put(SESSION, authenticated.session());
                context.next();
            } else if (result.result() instanceof Authentication.Refused refused) {
                log.warn("event=api.unauthorized reason={} method={} path={} remote={}", refused.reason(), context.request().method(),
                        context.normalizedPath(), remote);
                context.response().putHeader("WWW-Authenticate", "Bearer realm=\"canhgac-admin\"");
                responses.error(context, 401, refused.message());
            }
        });
    }

    static String remote(RoutingContext context) {
        return context.request().remoteAddress() == null ? "-" : context.request().remoteAddress().hostAddress();
    }
}
