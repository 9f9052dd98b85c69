package vn.canhgac.server.api;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's query parameters, checked: every name must be known (so that a typo such as
 * {@code ?agnet=} is an error rather than an unfiltered answer), each given at most once and
 * not empty, and each value of its type.
 */
final class QueryParameters {
    private final MultiMap parameters;

    private QueryParameters(MultiMap parameters) {
        this.parameters = parameters;
    }

    static QueryParameters of(MultiMap parameters, Set<String> known) {
        for (String name : parameters.names()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter \"" + name + "\"; "
                        + (known.isEmpty() ? "this route takes none" : "the known ones are " + String.join(", ", known.stream().sorted().toList())));
            }
        }
        return new QueryParameters(parameters);
    }

    Optional<String> text(String name) {
        List<String> values = parameters.getAll(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " must be given at most once (got it " + values.size() + " times)");
        }
        String value = values.getFirst().strip();
        if (value.isEmpty()) {
            throw ApiException.badRequest(name + " must not be empty; leave it out to not filter on it");
        }
        return Optional.of(value);
    }

    Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + " must be an ISO-8601 instant like 2026-11-02T08:00:00Z (got \"" + value + "\")");
            }
        });
    }

    Optional<Long> number(String name, long min, long max) {
        return text(name).map(value -> {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number between " + min + " and " + max + " (got \"" + value + "\")");
            }
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + " (got " + parsed + ")");
            }
            return parsed;
        });
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> bool(String name) {
        return text(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false (got \"" + value + "\")");
        });
    }
}
