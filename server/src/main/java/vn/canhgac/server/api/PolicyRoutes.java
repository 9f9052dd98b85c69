package vn.canhgac.server.api;

import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.agents.AgentService.AgentView;
import vn.canhgac.server.api.PolicyApiModel.AssignmentChange;
import vn.canhgac.server.api.PolicyApiModel.AssignmentList;
import vn.canhgac.server.api.PolicyApiModel.AssignmentView;
import vn.canhgac.server.api.PolicyApiModel.EffectivePolicyView;
import vn.canhgac.server.api.PolicyApiModel.LaggingAgent;
import vn.canhgac.server.api.PolicyApiModel.LaggingList;
import vn.canhgac.server.api.PolicyApiModel.PolicyDetails;
import vn.canhgac.server.api.PolicyApiModel.PolicyDocument;
import vn.canhgac.server.api.PolicyApiModel.PolicyList;
import vn.canhgac.server.api.PolicyApiModel.PolicySummary;
import vn.canhgac.server.api.PolicyApiModel.PublishedPolicy;
import vn.canhgac.server.api.PolicyApiModel.RevisionSummary;
import vn.canhgac.server.api.PolicyApiModel.ValidatedPolicy;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccessDenied;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.policy.PolicyService;
import vn.canhgac.server.policy.PolicyService.AgentPolicy;
import vn.canhgac.server.store.PolicyAssignment;
import vn.canhgac.server.store.PolicyRevision;
import vn.canhgac.server.store.PolicyStore;
import vn.canhgac.server.units.UnitService;

/**
 * {@code /api/v1/policies}, {@code /api/v1/policy-assignments}, {@code /api/v1/policy-lagging} and
 * {@code /api/v1/agents/{id}/policy}: validate, publish, read and assign policies, and see which
 * agents run what.
 *
 * <p>Access. Everyone may validate. Admins and officers publish and assign; an officer only to units
 * within theirs, and publishes only a policy that is new or assigned nowhere outside their units.
 * A policy is visible to an account when it is assigned to one of its units, or to no unit at all
 * (just published); an invisible one answers 404 like a missing one. Every refusal is audited.
 */
final class PolicyRoutes {
    static final String PATH = "/api/v1/policies";
    private static final Set<String> ASSIGN_FIELDS = Set.of("unit", "role", "policy");
    private static final String UNIT = "unit";
    private static final String ROLE = "role";

    private final PolicyService policies;
    private final PolicyDistributor push;
    private final AgentService agents;
    private final UnitService units;
    private final Access access;
    private final AuditLog audit;
    private final Responses responses;

    PolicyRoutes(ApiServices services, Responses responses) {
        this.policies = services.policies();
        this.push = services.policyPush();
        this.agents = services.agents();
        this.units = services.units();
        this.access = services.access();
        this.audit = services.audit();
        this.responses = Objects.requireNonNull(responses, "responses");
    }


    void mount(Router router) {
        router.post(PATH + "/validate").handler(this::validate);
        router.post(PATH).handler(this::publish);
        router.get(PATH).handler(this::list);
        router.get(PATH + "/:name").handler(this::show);
        router.get(PATH + "/:name/revisions/:revision").handler(this::document);
        router.get("/api/v1/policy-assignments").handler(this::assignments);
        router.post("/api/v1/policy-assignments").handler(this::assign);
        router.delete("/api/v1/policy-assignments").handler(this::unassign);
        router.get("/api/v1/policy-lagging").handler(this::lagging);
        router.get("/api/v1/agents/:id/policy").handler(this::effective);
    }

    private void validate(RoutingContext context) {
        byte[] document = body(context);
        QueryParameters.of(context.queryParams(), Set.of());
        responses.blocking(context, 200, () -> summary(policies.validate(document)));
    }

    private void publish(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        byte[] document = body(context);
        String comment = QueryParameters.of(context.queryParams(), Set.of("comment")).text("comment").orElse(null);
        responses.blocking(context, 201, () -> {
            access.requireRole(principal, "publish policies", Access.WRITERS);
            String name = policies.validate(document).metadata().name();
            requirePublishable(principal, name);
            PolicyStore.Published published;
            try {
                published = policies.publish(principal.username(), document, comment);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            PolicyRevision revision = published.revision();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("policy", name);
            details.put("revision", revision.revision());
            details.put("version", published.bundle().version());
            details.put("comment", revision.comment());
            details.put("sha256", revision.sha256());
            audit.record(principal.username(), "policy.published", "policy:" + name, details);
            int pushed = push.pushToOnline();
            return new PublishedPolicy(name, revision.revision(), published.bundle().version(), revision.sha256(), revision.author(),
                    revision.comment(), revision.createdAt(), pushed);
        });
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            List<PolicyAssignment> assignments = policies.assignments();
            return new PolicyList(policies.policies().stream()
                    .filter(latest -> canSee(principal, latest.name(), assignments))
                    .map(latest -> new PolicySummary(latest.name(), latest.revision(), latest.author(), latest.createdAt(), latest.comment(),
                            (int) assignments.stream().filter(a -> a.policy().equals(latest.name())).count()))
                    .toList());
        });
    }

    private void show(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String name = context.pathParam("name");
        responses.blocking(context, 200, () -> {
            List<PolicyRevision> revisions = visibleRevisions(principal, name, "show a policy");
            return new PolicyDetails(name, revisions.stream().map(r -> new RevisionSummary(r.revision(), r.sha256(), r.author(), r.comment(),
                    r.createdAt())).toList(), policies.assignments().stream()
                    .filter(a -> a.policy().equals(name) && access.canSee(principal, a.unit())).map(PolicyRoutes::view).toList());
        });
    }

    private void document(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String name = context.pathParam("name");
        String revisionText = context.pathParam("revision");
        responses.blocking(context, 200, () -> {
            List<PolicyRevision> revisions = visibleRevisions(principal, name, "read a policy");
            PolicyRevision revision = revisions.stream().filter(r -> Long.toString(r.revision()).equals(revisionText)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("policy " + name + " has no revision \"" + revisionText + "\"; its revisions are 1 to "
                            + revisions.getLast().revision()));
            byte[] document = policies.document(name, revision.revision()).orElseThrow();
            return new PolicyDocument(name, revision.revision(), revision.sha256(), revision.author(), revision.comment(), revision.createdAt(),
                    PolicyService.text(document));
        });
    }

    private void assignments(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters.of(context.queryParams(), Set.of());
        responses.blocking(context, 200, () -> new AssignmentList(policies.assignments().stream()
                .filter(a -> access.canSee(principal, a.unit())).map(PolicyRoutes::view).toList()));
    }

    private void assign(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        JsonBody request = JsonBody.parse(responses.mapper(), context.body().buffer(), ASSIGN_FIELDS,
                "{\"unit\":\"Sở Nội vụ\",\"role\":\"secret-workstation\",\"policy\":\"so-noi-vu-co-ban\"}");
        String requestedUnit = request.required(UNIT);
        Optional<String> role = request.optional(ROLE);
        String policy = request.required("policy");
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "assign policies", Access.WRITERS);
            String unit = visibleUnit(principal, requestedUnit, "assign policies");
            visibleRevisions(principal, policy, "assign policies");
            Optional<PolicyAssignment> replaced;
            try {
                replaced = policies.assign(principal.username(), unit, role, policy);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("unit", unit);
            details.put("role", role.orElse("*"));
            details.put("policy", policy);
            details.put("replaced", replaced.map(PolicyAssignment::policy).orElse(""));
            audit.record(principal.username(), "policy.assigned", "unit:" + unit, details);
            AssignmentView now = policies.assignments().stream().filter(a -> a.unit().equals(unit) && a.role().equals(role))
                    .map(PolicyRoutes::view).findFirst().orElse(null);
            return new AssignmentChange(now, replaced.map(PolicyRoutes::view).orElse(null), push.pushToOnline());
        });
    }

    private void unassign(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters query = QueryParameters.of(context.queryParams(), Set.of(UNIT, ROLE));
        String requestedUnit = query.text(UNIT).orElseThrow(() -> ApiException.badRequest("unit is required: ?unit=NAME[&role=ROLE]"));
        Optional<String> role = query.text(ROLE);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "remove policy assignments", Access.WRITERS);
            String unit = visibleUnit(principal, requestedUnit, "remove policy assignments");
            Optional<PolicyAssignment> removed;
            try {
                removed = policies.unassign(unit, role);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            PolicyAssignment gone = removed.orElseThrow(() -> ApiException.notFound("unit \"" + unit + "\" has no policy assigned"
                    + role.map(r -> " for role " + r).orElse(" for every role") + "; `canhgacctl policy assignments` lists them"));
            audit.record(principal.username(), "policy.unassigned", "unit:" + unit,
                    Map.of("unit", unit, "role", role.orElse("*"), "policy", gone.policy()));
            return new AssignmentChange(null, view(gone), push.pushToOnline());
        });
    }

    private void effective(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String id = context.pathParam("id");
        responses.blocking(context, 200, () -> {
            String notFound = "no agent has id \"" + id + "\"; `canhgacctl agent list` shows the enrolled agents";
            AgentView view = agents.find(id).orElseThrow(() -> ApiException.notFound(notFound));
            access.requireVisible(principal, view.agent().unit(), "show an agent's policy", "agent:" + id, notFound);
            AgentPolicy state = policies.agentPolicies(List.of(view.agent())).getFirst();
            var running = state.running();
            if (state.effective().isEmpty()) {
                return new EffectivePolicyView(id, view.agent().unit(), view.agent().role(), null, null, null, null, null, running.version(),
                        running.policy().orElse(null), running.revision().orElse(null), running.reportedAt().orElse(null), false, null);
            }
            var effective = state.effective().get();
            byte[] document = policies.document(effective.revision().name(), effective.revision().revision()).orElseThrow();
            return new EffectivePolicyView(id, view.agent().unit(), view.agent().role(), effective.revision().name(),
                    effective.revision().revision(), state.effectiveVersion(), effective.from().unit(), effective.from().role().orElse(null),
                    running.version(), running.policy().orElse(null), running.revision().orElse(null), running.reportedAt().orElse(null),
                    state.lagging(), PolicyService.text(document));
        });
    }

    private void lagging(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        Optional<String> requestedUnit = QueryParameters.of(context.queryParams(), Set.of(UNIT)).text(UNIT);
        responses.blocking(context, 200, () -> {
            Optional<String> unit = requestedUnit.map(name -> visibleUnit(principal, name, "list lagging agents"));
            Optional<Set<String>> visible = access.visibleUnits(principal);
            var tree = units.tree();
            List<AgentView> views = agents.list().stream()
                    .filter(v -> v.agent().revokedAt().isEmpty())
                    .filter(v -> visible.map(units -> units.contains(v.agent().unit())).orElse(true))
                    .filter(v -> unit.map(u -> tree.isWithin(v.agent().unit(), u)).orElse(true))
                    .toList();
            Map<String, Boolean> connected = new LinkedHashMap<>();
            views.forEach(v -> connected.put(v.agent().id(), v.connected()));
            return new LaggingList(policies.agentPolicies(views.stream().map(AgentView::agent).toList()).stream()
                    .filter(AgentPolicy::lagging)
                    .map(state -> new LaggingAgent(state.agent().id(), state.agent().unit(), state.agent().role(),
                            connected.get(state.agent().id()), state.effective().get().revision().name(),
                            state.effective().get().revision().revision(), state.effectiveVersion(), state.running().version(),
                            state.running().policy().orElse(null), state.running().revision().orElse(null),
                            state.running().reportedAt().orElse(null)))
                    .toList());
        });
    }

    /** The stored name of a unit the caller may see; 400 for a malformed name, 404 (audited when out of scope) otherwise. */
    private String visibleUnit(Principal principal, String requested, String operation) {
        String unit;
        try {
            unit = UnitService.normalizeName(requested);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        access.requireVisible(principal, unit, operation, "unit:" + unit, UnitService.notFound(unit));
        return unit;
    }

    /** The revisions of a policy the caller may see; 404 otherwise, audited when it exists but lies outside the caller's units. */
    private List<PolicyRevision> visibleRevisions(Principal principal, String name, String operation) {
        List<PolicyRevision> revisions;
        try {
            revisions = policies.revisions(name);
        } catch (PolicyService.NoSuchPolicy e) {
            throw ApiException.notFound(e.getMessage());
        }
        if (!canSee(principal, name, policies.assignments())) {
            access.refuse(principal, AccessDenied.Kind.NOT_FOUND, operation, "policy:" + name, "assigned only outside the account's units",
                    PolicyService.notFound(name));
        }
        return revisions;
    }

    /** An officer publishes a new policy, or one assigned only within their units; anything else is the admin's. */
    private void requirePublishable(Principal principal, String name) {
        if (principal.isAdmin()) {
            return;
        }
        List<String> outside = policies.assignments().stream().filter(a -> a.policy().equals(name) && !access.canSee(principal, a.unit()))
                .map(PolicyAssignment::unit).distinct().toList();
        if (!outside.isEmpty()) {
            access.refuse(principal, AccessDenied.Kind.FORBIDDEN, "publish policies", "policy:" + name, "assigned outside the account's units",
                    "policy " + name + " is also assigned to " + outside.size() + " unit(s) outside yours, so a new revision would change"
                            + " their machines too; ask an admin to publish it, or publish your changes under a new metadata.name");
        }
    }

    private boolean canSee(Principal principal, String policy, List<PolicyAssignment> assignments) {
        if (principal.isAdmin()) {
            return true;
        }
        List<PolicyAssignment> ofPolicy = assignments.stream().filter(a -> a.policy().equals(policy)).toList();
        return ofPolicy.isEmpty() || ofPolicy.stream().anyMatch(a -> access.canSee(principal, a.unit()));
    }

    private static byte[] body(RoutingContext context) {
        RequestBody body = context.body();
        byte[] bytes = body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("the request body must be the policy document (YAML, UTF-8), at most "
                    + PolicyParser.MAX_POLICY_BYTES + " bytes");
        }
        return bytes;
    }

    static AssignmentView view(PolicyAssignment assignment) {
        return new AssignmentView(assignment.unit(), assignment.role().orElse(null), assignment.policy(), assignment.assignedBy(),
                assignment.assignedAt());
    }

    static ValidatedPolicy summary(Policy policy) {
        return new ValidatedPolicy(policy.metadata().name(), policy.metadata().description(), policy.usb().storage().word(),
                policy.usb().phones().word(), policy.usb().allow().size(), policy.software().mode().word(),
                policy.software().action().word(), policy.software().builtinRemoteControlDenyList(),
                policy.software().deny().size() + policy.software().allow().size(), policy.secretDrafting().internetAction().word(),
                policy.secretDrafting().allowDefaultRoute(), policy.secretDrafting().probes().size(), policy.documents().scan());
    }
}
