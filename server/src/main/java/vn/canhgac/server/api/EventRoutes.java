package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.api.ApiModel.EventPage;
import vn.canhgac.server.api.ApiModel.EventSummary;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;

/** {@code GET /api/v1/events}: stored events, filtered, in pages ordered by id. */
final class EventRoutes {
    private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);

    static final int DEFAULT_LIMIT = 100;
    private static final List<String> PARAMETERS = List.of("agent", "from", "until", "type", "after", "limit");
    private static final Set<String> KNOWN = Set.copyOf(PARAMETERS);
    /** Indexed by the protocol's Severity numbers, 0..5. */
    private static final List<String> SEVERITIES = List.of("unspecified", "info", "low", "medium", "high", "critical");

    private final EventService events;
    private final AgentService agents;
    private final Responses responses;

    EventRoutes(EventService events, AgentService agents, Responses responses) {
        this.events = Objects.requireNonNull(events, "events");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/events").handler(this::list);
    }

    private void list(RoutingContext context) {
        EventQuery query = query(context.queryParams());
        responses.blocking(context, 200, () -> {
            List<StoredEvent> page;
            try {
                page = events.query(query);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            Map<String, Optional<AgentRecord>> owners = new HashMap<>();
            List<EventSummary> summaries = page.stream()
                    .map(event -> summary(event, owners.computeIfAbsent(event.agentId(), id -> agents.find(id).map(AgentService.AgentView::agent))))
                    .toList();
            Long next = page.size() == query.limit() ? page.getLast().id() : null;
            return new EventPage(summaries, next);
        });
    }

    /** Checks every parameter, so that a typo ({@code ?agnet=}) is an error rather than an unfiltered answer. */
    static EventQuery query(MultiMap parameters) {
        for (String name : parameters.names()) {
            if (!KNOWN.contains(name)) {
                throw ApiException.badRequest("unknown query parameter \"" + name + "\"; the known ones are " + String.join(", ", PARAMETERS));
            }
        }
        Optional<String> agent = single(parameters, "agent");
        Optional<Instant> from = single(parameters, "from").map(value -> instant("from", value));
        Optional<Instant> until = single(parameters, "until").map(value -> instant("until", value));
        Optional<String> type = single(parameters, "type");
        long after = single(parameters, "after").map(value -> number("after", value, 0, Long.MAX_VALUE)).orElse(0L);
        int limit = single(parameters, "limit").map(value -> (int) number("limit", value, 1, EventService.MAX_PAGE)).orElse(DEFAULT_LIMIT);
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw ApiException.badRequest("from (" + from.get() + ") must be before until (" + until.get() + ")");
        }
        return new EventQuery(agent, from, until, type, after, limit);
    }

    private static Optional<String> single(MultiMap parameters, String name) {
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

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant like 2026-11-02T08:00:00Z (got \"" + value + "\")");
        }
    }

    private static long number(String name, String value, long min, long max) {
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
    }

    private EventSummary summary(StoredEvent event, Optional<AgentRecord> owner) {
        return new EventSummary(event.id(), event.agentId(), owner.map(AgentRecord::unit).orElse(""),
                owner.map(AgentRecord::role).orElse(""), event.sequence(), event.occurredAt(), event.receivedAt(), event.type(),
                severity(event.severity()), payload(event));
    }

    static String severity(int number) {
        return number >= 0 && number < SEVERITIES.size() ? SEVERITIES.get(number) : "unspecified";
    }

    /** Agents send JSON payloads; one that does not parse is passed on as a string rather than failing the page. */
    private JsonNode payload(StoredEvent event) {
        try {
            JsonNode payload = responses.mapper().readTree(event.payloadJson());
            return payload.isMissingNode() ? NullNode.getInstance() : payload;
        } catch (JsonProcessingException e) {
            log.warn("event=api.event_payload_unreadable id={} agent={} error=\"{}\"", event.id(), event.agentId(), e.getOriginalMessage());
            return TextNode.valueOf(event.payloadJson());
        }
    }
}
