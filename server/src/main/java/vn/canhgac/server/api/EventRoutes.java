package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
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
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;

/** {@code GET /api/v1/events}: stored events of the caller's units, filtered, in pages ordered by id. */
final class EventRoutes {
    private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);

    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("agent", "from", "until", "type", "violations", "after", "limit");

    private final EventService events;
    private final AgentService agents;
    private final Access access;
    private final Responses responses;

    EventRoutes(EventService events, AgentService agents, Access access, Responses responses) {
        this.events = Objects.requireNonNull(events, "events");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/events").handler(this::list);
    }

    /** An officer or inspector gets the events of agents in their units only; an agent outside them gives an empty page. */
    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        EventQuery query = query(context.queryParams(), access.visibleUnits(principal));
        responses.blocking(context, 200, () -> {
            List<StoredEvent> page;
            try {
                page = events.query(query);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            Map<String, Optional<AgentRecord>> owners = new HashMap<>();
            List<EventSummary> summaries = page.stream()
                    .map(event -> summary(responses.mapper(), event, owners.computeIfAbsent(event.agentId(), id -> agents.find(id).map(AgentService.AgentView::agent))))
                    .toList();
            Long next = page.size() == query.limit() ? page.getLast().id() : null;
            return new EventPage(summaries, next);
        });
    }

    /** Checks every parameter; the events are then limited to the caller's units. */
    static EventQuery query(MultiMap parameters, Optional<Set<String>> units) {
        QueryParameters checked = QueryParameters.of(parameters, KNOWN);
        Optional<String> agent = checked.text("agent");
        Optional<Instant> from = checked.instant("from");
        Optional<Instant> until = checked.instant("until");
        Optional<String> type = checked.text("type");
        long after = checked.number("after", 0, Long.MAX_VALUE).orElse(0L);
        int limit = checked.number("limit", 1, EventService.MAX_PAGE).map(Long::intValue).orElse(DEFAULT_LIMIT);
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw ApiException.badRequest("from (" + from.get() + ") must be before until (" + until.get() + ")");
        }
        boolean violations = checked.bool("violations").orElse(false);
        return new EventQuery(agent, from, until, type, after, limit, units, violations);
    }

    /** The event as the API shows it, with its agent's unit and role when the agent is known. */
    static EventSummary summary(ObjectMapper mapper, StoredEvent event, Optional<AgentRecord> owner) {
        return new EventSummary(event.id(), event.agentId(), owner.map(AgentRecord::unit).orElse(""),
                owner.map(AgentRecord::role).orElse(""), event.sequence(), event.occurredAt(), event.receivedAt(), event.type(),
                severity(event.severity()), payload(mapper, event));
    }

    static String severity(int number) {
        return Severity.of(number).wire();
    }

    /** Agents send JSON payloads; one that does not parse is passed on as a string rather than failing the page. */
    private static JsonNode payload(ObjectMapper mapper, StoredEvent event) {
        try {
            JsonNode payload = mapper.readTree(event.payloadJson());
            return payload.isMissingNode() ? NullNode.getInstance() : payload;
        } catch (JsonProcessingException e) {
            log.warn("event=api.event_payload_unreadable id={} agent={} error=\"{}\"", event.id(), event.agentId(), e.getOriginalMessage());
            return TextNode.valueOf(event.payloadJson());
        }
    }
}
