package vn.canhgac.server.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.api.ApiModel.IncidentDetails;
import vn.canhgac.server.api.ApiModel.IncidentNoteView;
import vn.canhgac.server.api.ApiModel.IncidentPage;
import vn.canhgac.server.api.ApiModel.IncidentSummary;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.incidents.IncidentService;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentNote;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.units.UnitService;

/**
 * {@code /api/v1/incidents}: incidents of the caller's units. Everyone reads within their units;
 * officers and admins acknowledge, assign, resolve, mark false positives and add notes. An
 * incident belongs to the unit its agent was in when it was raised.
 */
final class IncidentRoutes {
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("unit", "status", "overdue", "agent", "after", "limit");

    private final IncidentService incidents;
    private final AgentService agents;
    private final AccountService accounts;
    private final UnitService units;
    private final Access access;
    private final Responses responses;

    IncidentRoutes(IncidentService incidents, AgentService agents, AccountService accounts, UnitService units, Access access,
                   Responses responses) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.units = Objects.requireNonNull(units, "units");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/incidents").handler(this::list);
        router.get("/api/v1/incidents/:id").handler(this::show);
        router.post("/api/v1/incidents/:id/acknowledge").handler(context -> change(context, "acknowledge incidents",
                (principal, incident) -> incidents.acknowledge(principal.username(), incident)));
        router.post("/api/v1/incidents/:id/assign").handler(this::assign);
        router.post("/api/v1/incidents/:id/resolve").handler(context -> {
            String note = body(context, "note", "{\"note\":\"Thiết bị đã được thu hồi, người dùng đã được nhắc nhở\"}");
            change(context, "resolve incidents", (principal, incident) -> incidents.resolve(principal.username(), incident, note));
        });
        router.post("/api/v1/incidents/:id/false-positive").handler(context -> {
            String note = body(context, "note", "{\"note\":\"USB mã hóa cấp cho đơn vị, thiếu trong danh sách cho phép\"}");
            change(context, "mark incidents false positive",
                    (principal, incident) -> incidents.markFalsePositive(principal.username(), incident, note));
        });
        router.post("/api/v1/incidents/:id/notes").handler(this::note);
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            Instant now = incidents.clock().instant();
            IncidentQuery query = query(principal, context.queryParams(), now);
            List<Incident> page = incidents.list(query);
            Long next = page.size() == query.limit() ? page.getLast().id() : null;
            return new IncidentPage(page.stream().map(incident -> summary(incident, now)).toList(), next);
        });
    }

    /** Checks every parameter and limits the incidents to the caller's units (and to --unit's subtree when given). */
    private IncidentQuery query(Principal principal, MultiMap parameters, Instant now) {
        QueryParameters checked = QueryParameters.of(parameters, KNOWN);
        Optional<String> unit = checked.text("unit");
        Optional<IncidentStatus> status = checked.text("status").map(text -> {
            try {
                return IncidentStatus.parse(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        });
        boolean overdue = checked.bool("overdue").orElse(false);
        Optional<String> agent = checked.text("agent");
        long after = checked.number("after", 0, Long.MAX_VALUE).orElse(0L);
        int limit = checked.number("limit", 1, IncidentQuery.MAX_LIMIT).map(Long::intValue).orElse(DEFAULT_LIMIT);
        Optional<Set<String>> scope = access.visibleUnits(principal);
        if (unit.isPresent()) {
            String name;
            try {
                name = UnitService.normalizeName(unit.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            access.requireVisible(principal, name, "list incidents", "unit:" + name, UnitService.notFound(name));
            Set<String> subtree = new HashSet<>(units.tree().subtrees(Set.of(name)));
            scope.ifPresent(subtree::retainAll);
            scope = Optional.of(subtree);
        }
        return new IncidentQuery(scope, status, agent, overdue ? Optional.of(now) : Optional.empty(), after, limit);
    }

    private void show(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> {
            Incident incident = find(principal, id, "show an incident");
            IncidentService.Details details = incidents.details(incident);
            Instant now = incidents.clock().instant();
            Optional<AgentRecord> owner = agents.find(incident.agentId()).map(AgentService.AgentView::agent);
            return new IncidentDetails(summary(details.incident(), now),
                    details.notes().stream().map(IncidentRoutes::note).toList(),
                    details.violations().stream().map(event -> EventRoutes.summary(responses.mapper(), event, owner)).toList());
        });
    }

    private void assign(RoutingContext context) {
        String requested = body(context, "owner", "{\"owner\":\"lan\"}");
        change(context, "assign incidents", (principal, incident) -> {
            String owner = AccountService.normalizeUsername(requested);
            Account account = accounts.find(owner).orElseThrow(() -> ApiException.badRequest("no account is named \"" + owner
                    + "\"; `canhgacctl user list` shows the accounts"));
            Role role = Role.parse(account.role());
            if (role == Role.INSPECTOR) {
                throw ApiException.badRequest(owner + " is an inspector, and inspectors only read; assign the incident to an admin"
                        + " or a security officer of unit \"" + incident.unit() + "\"");
            }
            if (!access.canSee(new Principal(owner, role, account.units()), incident.unit())) {
                throw ApiException.badRequest(owner + " cannot see unit \"" + incident.unit() + "\"; assign the incident to an"
                        + " account of that unit or one above it");
            }
            return incidents.assign(principal.username(), incident, owner);
        });
    }

    private void note(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        String text = body(context, "text", "{\"text\":\"Đã liên hệ người dùng máy này\"}");
        responses.blocking(context, 201, () -> {
            access.requireRole(principal, "add notes to incidents", Access.WRITERS);
            Incident incident = find(principal, id, "add a note to an incident");
            return refusedAsApi(() -> note(incidents.addNote(principal.username(), incident, text)));
        });
    }

    /** A change by an officer or admin to one incident in their units, answered with the incident as it is after. */
    private void change(RoutingContext context, String operation, Change change) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, operation, Access.WRITERS);
            Incident incident = find(principal, id, operation);
            Incident after = refusedAsApi(() -> change.apply(principal, incident));
            return summary(after, incidents.clock().instant());
        });
    }

    @FunctionalInterface
    private interface Change {
        Incident apply(Principal principal, Incident incident);
    }

    /** The service's refusals as answers: a wrong request 400, a state that does not allow it 409. */
    private static <T> T refusedAsApi(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** The one field of a body; read on the event loop so that a bad body is refused before any work. */
    private String body(RoutingContext context, String field, String example) {
        return JsonBody.parse(responses.mapper(), context.body().buffer(), Set.of(field), example).required(field);
    }

    /** The incident, if it exists and lies within the caller's units; the same 404 either way. */
    private Incident find(Principal principal, String id, String operation) {
        String notFound = "no incident has id \"" + id + "\"; `canhgacctl incident list` shows the incidents of your units";
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(notFound);
        }
        Incident incident = incidents.find(number).orElseThrow(() -> ApiException.notFound(notFound));
        access.requireVisible(principal, incident.unit(), operation, "incident:" + number, notFound);
        return incident;
    }

    static IncidentSummary summary(Incident incident, Instant now) {
        return new IncidentSummary(incident.id(), incident.agentId(), incident.unit(), incident.rule(), incident.type(),
                incident.status().wire(), incident.owner().orElse(null), incident.createdAt(), incident.deadlineAt(),
                incident.overdue(now), incident.resolvedAt().orElse(null), incident.firstSeenAt(), incident.lastSeenAt(),
                incident.violationCount(), EventRoutes.severity(incident.highestSeverity()), incident.updatedAt());
    }

    private static IncidentNoteView note(IncidentNote note) {
        return new IncidentNoteView(note.seq(), note.at(), note.author(), note.text());
    }
}
