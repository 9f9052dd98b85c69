package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.Callable;
import vn.canhgac.server.api.ApiModel.ErrorBody;
import vn.canhgac.protocol.policy.PolicyException;
import vn.canhgac.server.api.PolicyApiModel.PolicyProblem;
import vn.canhgac.server.auth.AccessDenied;

/**
 * Writes JSON answers, and runs work that touches the store on a worker thread.
 *
 * <p>Implementation notes. Route handlers run on the single Vert.x event loop, which must never
 * wait on SQLite; {@link #blocking} moves the work to the worker pool (unordered, so slow
 * queries do not queue behind each other) and answers back on the event loop. Every answer says
 * {@code Cache-Control: no-store}: one of them carries a token secret, and none should linger
 * in a cache.
 */
final class Responses {
    static final int NO_CONTENT = 204;

    private final ObjectMapper mapper;

    Responses(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Runs {@code work} on a worker thread and answers with its result as JSON and
     * {@code status}, with no body for 204. The result is also encoded on the worker, so a large
     * page of events does not hold up the event loop. An {@link ApiException} becomes its error
     * answer, an {@link AccessDenied} a 403 (role) or 404 (outside the caller's units); anything
     * else fails the request with 500, which the router's failure handler logs.
     */
    <T> void blocking(RoutingContext context, int status, Callable<T> work) {
        context.vertx().executeBlocking(() -> {
            T result = work.call();
            return status == NO_CONTENT ? null : encode(result);
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                send(context, status, result.result());
            } else if (!refused(context, result.cause())) {
                context.fail(500, result.cause());
            }
        });
    }

    /**
     * Answers a refusal, an {@link ApiException}, {@link PolicyException} or {@link AccessDenied}, with its status and message.
     *
     * @return false, answering nothing, for any other failure
     */
    boolean refused(RoutingContext context, Throwable failure) {
        if (failure instanceof ApiException refused) {
            error(context, refused.status(), refused.getMessage());
            return true;
        }
        if (failure instanceof PolicyException invalid) {
            // A policy that does not validate: the parts as fields too, so a client can point at the line.
            json(context, 400, new PolicyProblem(invalid.getMessage(), invalid.line(), invalid.field(), invalid.reason()));
            return true;
        }
        if (failure instanceof AccessDenied denied) {
            error(context, denied.kind() == AccessDenied.Kind.FORBIDDEN ? 403 : 404, denied.getMessage());
            return true;
        }
        return false;
    }

    /** Answers at once, on the calling thread: for small bodies only. */
    void json(RoutingContext context, int status, Object body) {
        send(context, status, status == NO_CONTENT ? null : encode(body));
    }

    void error(RoutingContext context, int status, String message) {
        json(context, status, new ErrorBody(message));
    }

    private byte[] encode(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void send(RoutingContext context, int status, byte[] json) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (json == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(Buffer.buffer(json));
        }
    }
}
