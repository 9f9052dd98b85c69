package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.canhgac.server.api.ApiModel.AuditEntryView;
import vn.canhgac.server.api.ApiModel.AuditPage;
import vn.canhgac.server.api.ApiModel.AuditVerification;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AuditEntry;

/** {@code /api/v1/audit}: read and verify the hash-chained audit log (admins only). */
final class AuditRoutes {
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> LIST_PARAMETERS = Set.of("after", "limit");

    private final AuditLog audit;
    private final Access access;
    private final Responses responses;

    AuditRoutes(AuditLog audit, Access access, Responses responses) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/audit").handler(this::list);
        router.get("/api/v1/audit/verify").handler(this::verify);
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters parameters = QueryParameters.of(context.queryParams(), LIST_PARAMETERS);
        long after = parameters.number("after", 0, Long.MAX_VALUE).orElse(0L);
        int limit = parameters.number("limit", 1, AuditLog.MAX_PAGE).map(Long::intValue).orElse(DEFAULT_LIMIT);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "read the audit log", Role.ADMIN);
            List<AuditEntry> page = audit.list(after, limit);
            return new AuditPage(page.stream().map(this::view).toList(), page.size() == limit ? page.getLast().seq() : null);
        });
    }

    private void verify(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters.of(context.queryParams(), Set.of());
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "verify the audit log", Role.ADMIN);
            AuditLog.Verification result = audit.verify();
            return new AuditVerification(result.intact(), result.entries(),
                    result.head().map(AuditEntry::seq).orElse(null), result.head().map(AuditEntry::hash).orElse(null),
                    result.problem().map(AuditLog.Problem::seq).orElse(null), result.problem().map(AuditLog.Problem::reason).orElse(null));
        });
    }

    private AuditEntryView view(AuditEntry entry) {
        JsonNode details;
        try {
            details = responses.mapper().readTree(entry.details());
        } catch (JsonProcessingException e) {
            // An edited row may hold anything; show it as text rather than failing the page.
            details = TextNode.valueOf(entry.details());
        }
        return new AuditEntryView(entry.seq(), entry.at(), entry.actor(), entry.action(), entry.target(), details, entry.prevHash(),
                entry.hash());
    }
}
