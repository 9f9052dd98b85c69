package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.api.ApiModel.UnitList;
import vn.canhgac.server.api.ApiModel.UnitSummary;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.units.UnitService;

/** {@code /api/v1/units}: the unit tree as the caller sees it; admins create units. */
final class UnitRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "parent");

    private final UnitService units;
    private final Access access;
    private final AuditLog audit;
    private final Responses responses;

    UnitRoutes(UnitService units, Access access, AuditLog audit, Responses responses) {
        this.units = Objects.requireNonNull(units, "units");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/units").handler(this::list);
        router.post("/api/v1/units").handler(this::create);
    }

    /** An officer or inspector sees their units and sub-units; a parent they do not see is shown as none. */
    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            Optional<Set<String>> visible = access.visibleUnits(principal);
            return new UnitList(units.tree().units().stream()
                    .filter(unit -> visible.map(names -> names.contains(unit.name())).orElse(true))
                    .map(unit -> new UnitSummary(unit.name(),
                            unit.parent().filter(parent -> visible.map(names -> names.contains(parent)).orElse(true)).orElse(null),
                            unit.createdAt()))
                    .toList());
        });
    }

    private void create(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        JsonBody body = JsonBody.parse(responses.mapper(), context.body().buffer(), CREATE_FIELDS,
                "{\"name\":\"Phòng An ninh\",\"parent\":\"Sở Nội vụ\"}");
        String name = body.required("name");
        Optional<String> parent = body.optional("parent");
        responses.blocking(context, 201, () -> {
            access.requireRole(principal, "create units", Role.ADMIN);
            Unit unit;
            try {
                unit = units.create(name, parent);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            } catch (UnitService.UnitExists e) {
                throw ApiException.conflict(e.getMessage());
            }
            audit.record(principal.username(), "unit.created", "unit:" + unit.name(), Map.of("parent", unit.parent().orElse("")));
            return new UnitSummary(unit.name(), unit.parent().orElse(null), unit.createdAt());
        });
    }
}
