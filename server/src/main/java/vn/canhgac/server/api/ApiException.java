package vn.canhgac.server.api;

/**
 * A request the API answers with an error status and a message for the client. Thrown by
 * route handlers (also on worker threads) and turned into {@code {"error": message}}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    static ApiException tooManyRequests(String message) {
        return new ApiException(429, message);
    }

    /** Well-formed, but refused on its content (a bundle that is not provably its agent's). */
    static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    int status() {
        return status;
    }
}
