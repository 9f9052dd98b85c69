package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.agents.AgentService.AgentView;
import vn.canhgac.server.api.ApiModel.AgentList;
import vn.canhgac.server.api.ApiModel.AgentSummary;
import vn.canhgac.server.api.ApiModel.CommandSent;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.units.UnitService;

/** {@code /api/v1/agents}: the agents of the caller's units, one agent, revocation and moving between units. */
final class AgentRoutes {
    private static final Set<String> MOVE_FIELDS = Set.of("unit");
    private static final Set<String> LIST_PARAMETERS = Set.of("status");

    private final AgentService agents;
    private final Access access;
    private final AuditLog audit;
    private final Responses responses;

    AgentRoutes(AgentService agents, Access access, AuditLog audit, Responses responses) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/agents").handler(this::list);
        router.get("/api/v1/agents/:id").handler(this::show);
        router.post("/api/v1/agents/:id/revoke").handler(this::revoke);
        router.post("/api/v1/agents/:id/move").handler(this::move);
        router.post("/api/v1/agents/:id/resend-inventory").handler(this::resendInventory);
    }

    /** {@code ?status=online|silent|revoked} keeps only agents in that status. */
    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        Optional<AgentService.Status> status = QueryParameters.of(context.queryParams(), LIST_PARAMETERS).text("status")
                .map(AgentRoutes::status);
        responses.blocking(context, 200, () -> {
            Optional<Set<String>> visible = access.visibleUnits(principal);
            return new AgentList(agents.list().stream()
                    .filter(view -> visible.map(units -> units.contains(view.agent().unit())).orElse(true))
                    .filter(view -> status.map(wanted -> view.status() == wanted).orElse(true))
                    .map(this::summary).toList());
        });
    }

    private static AgentService.Status status(String word) {
        for (AgentService.Status status : AgentService.Status.values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(word)) {
                return status;
            }
        }
        throw ApiException.badRequest("status must be one of online, silent, revoked (got \"" + word + "\")");
    }

    private void show(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> summary(find(principal, id, "show an agent")));
    }

    /** 404 for an unknown agent (or one outside the caller's units) and 409 for one already revoked, so a script can tell them apart. */
    private void revoke(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "revoke agents", Access.WRITERS);
            AgentView before = find(principal, id, "revoke an agent");
            if (before.agent().revokedAt().isPresent()) {
                throw ApiException.conflict("agent " + id + " was already revoked at " + before.agent().revokedAt().get());
            }
            if (!agents.revoke(id)) {
                throw ApiException.conflict("agent " + id + " was revoked by another request while this one ran");
            }
            audit.record(principal.username(), "agent.revoked", "agent:" + id, Map.of("unit", before.agent().unit()));
            return summary(find(principal, id, "revoke an agent"));
        });
    }

    /** 202 with the command's id when the agent was sent it; 409 when it is not connected (nothing is queued). */
    private void resendInventory(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 202, () -> {
            access.requireRole(principal, "ask agents for their inventory", Access.WRITERS);
            AgentView agent = find(principal, id, "ask an agent for its inventory");
            if (agent.agent().revokedAt().isPresent()) {
                throw ApiException.conflict("agent " + id + " is revoked; it takes no commands");
            }
            String commandId = agents.resendInventory(id).orElseThrow(() -> ApiException.conflict("agent " + id
                    + " is not connected now; nothing was queued: ask again when `canhgacctl agent show " + id + "` says connected"));
            audit.record(principal.username(), "agent.inventory_requested", "agent:" + id, Map.of("command", commandId));
            return new CommandSent(id, "resend-inventory", commandId);
        });
    }

    /** Both the agent and the unit it moves to must lie within the caller's units. */
    private void move(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        String requested = JsonBody.parse(responses.mapper(), context.body().buffer(), MOVE_FIELDS, "{\"unit\":\"Phòng An ninh\"}")
                .required("unit");
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "move agents", Access.WRITERS);
            String unit;
            try {
                unit = UnitService.normalizeName(requested);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            AgentView before = find(principal, id, "move an agent");
            access.requireVisible(principal, unit, "move an agent", "unit:" + unit, UnitService.notFound(unit));
            if (before.agent().unit().equals(unit)) {
                throw ApiException.conflict("agent " + id + " is in unit \"" + unit + "\" already");
            }
            if (!agents.move(id, unit)) {
                throw ApiException.conflict("agent " + id + " was moved by another request while this one ran");
            }
            audit.record(principal.username(), "agent.moved", "agent:" + id, Map.of("from", before.agent().unit(), "to", unit));
            return summary(find(principal, id, "move an agent"));
        });
    }

    /** The agent, if it exists and lies within the caller's units; the same 404 either way. */
    private AgentView find(Principal principal, String id, String operation) {
        String notFound = "no agent has id \"" + id + "\"; `canhgacctl agent list` shows the enrolled agents";
        AgentView view = agents.find(id).orElseThrow(() -> ApiException.notFound(notFound));
        access.requireVisible(principal, view.agent().unit(), operation, "agent:" + id, notFound);
        return view;
    }

    private AgentSummary summary(AgentView view) {
        AgentRecord agent = view.agent();
        AgentFacts facts = agent.facts().orElse(null);
        return new AgentSummary(agent.id(), agent.unit(), agent.role(), view.status().name().toLowerCase(Locale.ROOT),
                view.connected(), agent.lastSeenAt().orElse(null), agent.enrolledAt(), agent.revokedAt().orElse(null),
                facts == null ? null : facts.hostname(),
                facts == null ? null : (facts.osName() + " " + facts.osVersion()).strip(),
                facts == null ? null : facts.kernel(),
                facts == null ? null : facts.architecture(),
                facts == null ? null : facts.agentVersion(),
                agent.highestSequence(), agent.outboxBacklog(), agent.droppedEventsTotal(), agent.certificateSerial(),
                agent.certificateNotAfter(), agents.silence().forRole(agent.role()).toMinutes(),
                agent.policyVersion());
    }
}
