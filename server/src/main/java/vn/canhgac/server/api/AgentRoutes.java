package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Objects;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.agents.AgentService.AgentView;
import vn.canhgac.server.api.ApiModel.AgentList;
import vn.canhgac.server.api.ApiModel.AgentSummary;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;

/** {@code /api/v1/agents}: the fleet, one agent, and revocation. */
final class AgentRoutes {

    private final AgentService agents;
    private final Responses responses;

    AgentRoutes(AgentService agents, Responses responses) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/agents").handler(this::list);
        router.get("/api/v1/agents/:id").handler(this::show);
        router.post("/api/v1/agents/:id/revoke").handler(this::revoke);
    }

    private void list(RoutingContext context) {
        responses.blocking(context, 200, () -> new AgentList(agents.list().stream().map(AgentRoutes::summary).toList()));
    }

    private void show(RoutingContext context) {
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> summary(find(id)));
    }

    /** 404 for an unknown agent and 409 for one already revoked, so a script can tell them apart. */
    private void revoke(RoutingContext context) {
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> {
            AgentView before = find(id);
            if (before.agent().revokedAt().isPresent()) {
                throw ApiException.conflict("agent " + id + " was already revoked at " + before.agent().revokedAt().get());
            }
            if (!agents.revoke(id)) {
                throw ApiException.conflict("agent " + id + " was revoked by another request while this one ran");
            }
            return summary(find(id));
        });
    }

    private AgentView find(String id) {
        return agents.find(id).orElseThrow(() ->
                ApiException.notFound("no agent has id \"" + id + "\"; `canhgacctl agent list` shows the enrolled agents"));
    }

    static AgentSummary summary(AgentView view) {
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
                agent.certificateNotAfter());
    }
}
