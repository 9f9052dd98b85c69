package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import vn.canhgac.server.api.ApiModel.SocDestinationView;
import vn.canhgac.server.api.ApiModel.SocDestinations;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.soc.SocDestinationStatus;
import vn.canhgac.server.soc.SocExport;

/** {@code /api/v1/soc}: the counters of SOC export destinations (admins and security officers). */
final class SocRoutes {
    private final SocExport socExport;
    private final Access access;
    private final Responses responses;

    SocRoutes(SocExport socExport, Access access, Responses responses) {
        this.socExport = Objects.requireNonNull(socExport, "socExport");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/soc/destinations").handler(this::list);
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        QueryParameters.of(context.queryParams(), Set.of());
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "read the SOC export status", Role.ADMIN, Role.SECURITY_OFFICER);
            return new SocDestinations(socExport.status().stream().map(SocRoutes::view).toList());
        });
    }

    private static SocDestinationView view(SocDestinationStatus status) {
        return new SocDestinationView(status.name(), status.kind(), status.target(), status.lastEventId(), status.sent(),
                status.queued(), status.failures(), status.lastError().orElse(null), status.lastErrorAt().orElse(null),
                status.lastSuccessAt().orElse(null));
    }
}
