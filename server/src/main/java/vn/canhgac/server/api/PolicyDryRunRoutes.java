package vn.canhgac.server.api;

import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyException;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.api.ApiModel.DryRunFinding;
import vn.canhgac.server.api.ApiModel.DryRunResult;
import vn.canhgac.server.api.ApiModel.DryRunSection;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.policy.dryrun.DryRunReport;
import vn.canhgac.server.policy.dryrun.PolicyDryRun;
import vn.canhgac.server.units.UnitService;

/**
 * {@code POST /api/v1/policies/dry-run?days=N[&unit=U][&role=R]}: the body is a policy document
 * (YAML); the answer says what it would have flagged in the stored events of the last N days of
 * the caller's units (or of unit U and its sub-units). Nothing is stored but the audit entry.
 */
final class PolicyDryRunRoutes {

    static final String PATH = "/api/v1/policies/dry-run";
    private static final Set<String> PARAMETERS = Set.of("days", "unit", "role");

    private final PolicyDryRun dryRun;
    private final UnitService units;
    private final Access access;
    private final AuditLog audit;
    private final Responses responses;

    PolicyDryRunRoutes(PolicyDryRun dryRun, UnitService units, Access access, AuditLog audit, Responses responses) {
        this.dryRun = Objects.requireNonNull(dryRun, "dryRun");
        this.units = Objects.requireNonNull(units, "units");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.post(PATH).handler(this::dryRun);
    }

    private void dryRun(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters parameters = QueryParameters.of(context.queryParams(), PARAMETERS);
        int days = parameters.number("days", 1, PolicyDryRun.MAX_DAYS).map(Long::intValue)
                .orElseThrow(() -> ApiException.badRequest("days is required: how many days of stored events to judge, 1.."
                        + PolicyDryRun.MAX_DAYS));
        Optional<String> unit = parameters.text("unit");
        Optional<String> role = parameters.text("role");
        if (role.isPresent() && !Roles.ALL.contains(role.get())) {
            throw ApiException.badRequest("role must be one of " + String.join(", ", Roles.ALL) + " (got \"" + role.get() + "\")");
        }
        byte[] document = bytes(context.body());
        responses.blocking(context, 200, () -> {
            // Parsed on a worker: a policy may be 256 KiB of YAML, too much for the event loop.
            Policy policy = parse(document);
            Optional<Set<String>> scope = scope(principal, unit);
            DryRunReport report = dryRun.run(policy, days, scope, role);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("policy", policy.metadata().name());
            details.put("days", days);
            details.put("unit", unit.orElse("*"));
            details.put("role", role.orElse("*"));
            details.put("eventsScanned", report.eventsScanned());
            audit.record(principal.username(), "policy.dry_run", "policy:" + policy.metadata().name(), details);
            return result(report);
        });
    }

    /** The caller's units, or the named unit with its sub-units if the caller sees it (else the same 404 as a unit that does not exist). */
    private Optional<Set<String>> scope(Principal principal, Optional<String> unit) {
        if (unit.isEmpty()) {
            return access.visibleUnits(principal);
        }
        String name;
        try {
            name = UnitService.normalizeName(unit.get());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        access.requireVisible(principal, name, "dry-run a policy", "unit:" + name, UnitService.notFound(name));
        return Optional.of(units.tree().subtrees(Set.of(name)));
    }

    private static byte[] bytes(RequestBody body) {
        return body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes();
    }

    private static Policy parse(byte[] document) {
        if (document.length == 0) {
            throw ApiException.badRequest("the body must be the policy document (YAML) to dry-run; it was empty");
        }
        try {
            return PolicyParser.parse("policy", document);
        } catch (PolicyException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static DryRunResult result(DryRunReport report) {
        return new DryRunResult(report.policyName(), report.from(), report.until(), report.eventsScanned(), report.capped(), report.cap(),
                report.sections().stream().map(section -> new DryRunSection(section.kind(), section.count(), section.note(),
                        section.samples().stream().map(f -> new DryRunFinding(f.agentId(), f.unit(), f.occurredAt(), f.what(), f.why()))
                                .toList())).toList());
    }
}
