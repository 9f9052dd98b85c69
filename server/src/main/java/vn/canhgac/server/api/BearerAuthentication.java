package vn.canhgac.server.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.auth.AdminCredential;

/**
 * Admits a request only with {@code Authorization: Bearer <admin credential>}. A refusal is
 * logged with the reason and the client's address, never with what it presented.
 */
final class BearerAuthentication implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);
    private static final String SCHEME = "bearer ";

    private final AdminCredential credential;
    private final Responses responses;

    BearerAuthentication(AdminCredential credential, Responses responses) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    @Override
    public void handle(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            refuse(context, header == null ? "missing" : "not_bearer",
                    "this API needs an Authorization: Bearer header with the admin credential"
                            + " (canhgacctl sends the one in the server's data directory, admin.credential)");
            return;
        }
        if (!credential.matches(header.substring(SCHEME.length()))) {
            refuse(context, "wrong", "the admin credential was not accepted; use the one in this server's data directory"
                    + " (admin.credential)");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, String reason, String message) {
        log.warn("event=api.unauthorized reason={} method={} path={} remote={}", reason, context.request().method(),
                context.normalizedPath(), context.request().remoteAddress());
        context.response().putHeader("WWW-Authenticate", "Bearer realm=\"canhgac-admin\"");
        responses.error(context, 401, message);
    }
}
