package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import vn.canhgac.server.api.ApiModel.PurgeReport;
import vn.canhgac.server.api.ApiModel.RetentionView;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.retention.RetentionService;
import vn.canhgac.server.retention.RetentionSettings;

/**
 * {@code /api/v1/retention}: the retention settings (everyone), and the purge and its dry run
 * (admins: a purge deletes data of every unit). The purge itself is audited by the service.
 */
final class RetentionRoutes {
    private final RetentionService retention;
    private final Access access;
    private final Responses responses;

    RetentionRoutes(RetentionService retention, Access access, Responses responses) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/retention").handler(this::show);
        router.get("/api/v1/retention/purge-preview").handler(this::preview);
        router.post("/api/v1/retention/purge").handler(this::purge);
    }

    private void show(RoutingContext context) {
        RetentionSettings settings = retention.settings();
        responses.json(context, 200, new RetentionView(settings.securityLevel(), RetentionSettings.minimumDays(settings.securityLevel()),
                settings.days(), retention.cutoff()));
    }

    private void preview(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "preview a retention purge", Role.ADMIN);
            return report(true, retention.preview());
        });
    }

    private void purge(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "purge events past retention", Role.ADMIN);
            try {
                return report(false, retention.purge(principal.username()));
            } catch (IllegalStateException e) {
                throw ApiException.conflict(e.getMessage());
            }
        });
    }

    private static PurgeReport report(boolean dryRun, RetentionService.Outcome outcome) {
        return new PurgeReport(dryRun, outcome.cutoff(), outcome.purged().events(), outcome.purged().violations(),
                outcome.purged().keptForLiveIncidents());
    }
}
