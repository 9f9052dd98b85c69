package vn.canhgac.server.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.Objects;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.server.api.ApiModel.ImportReport;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.imports.BundleImporter;
import vn.canhgac.server.imports.ImportRefused;
import vn.canhgac.server.imports.ImportResult;

/**
 * {@code POST /api/v1/imports}: a signed event bundle from an offline agent, the file's bytes as
 * the body. 200 with what was stored; 400 for a file that is not a readable bundle, 422 for one
 * that is not provably the agent's, 409 when it would leave a gap; nothing is stored on refusal.
 */
final class ImportRoutes {

    static final String PATH = "/api/v1/imports";
    /** The largest bundle file, so this route's body limit is larger than the API's usual one. */
    static final int MAX_BODY_BYTES = BundleFormat.MAX_FILE_BYTES;
    private static final String ACCEPT_GAP = "acceptGap";
    private static final Set<String> PARAMETERS = Set.of(ACCEPT_GAP);

    private final BundleImporter importer;
    private final Access access;
    private final Responses responses;

    ImportRoutes(BundleImporter importer, Access access, Responses responses) {
        this.importer = Objects.requireNonNull(importer, "importer");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.post(PATH).handler(this::importBundle);
    }

    private void importBundle(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        boolean acceptGap = acceptGap(context.queryParams());
        RequestBody body = context.body();
        byte[] file = body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes();
        responses.blocking(context, 200, () -> {
            // An import writes evidence for any agent, whatever its unit: an administrator's act.
            access.requireRole(principal, "import bundles", Role.ADMIN);
            try {
                return report(importer.importBundle(file, acceptGap));
            } catch (ImportRefused e) {
                throw switch (e.reason()) {
                    case MALFORMED -> ApiException.badRequest(e.getMessage());
                    case NOT_TRUSTED -> ApiException.unprocessable(e.getMessage());
                    case GAP -> ApiException.conflict(e.getMessage());
                };
            }
        });
    }

    private static boolean acceptGap(MultiMap parameters) {
        return QueryParameters.of(parameters, PARAMETERS).bool(ACCEPT_GAP).orElse(false);
    }

    private static ImportReport report(ImportResult result) {
        return new ImportReport(result.agentId(), result.firstSequence(), result.lastSequence(), result.received(), result.stored(),
                result.alreadyHeld(), result.createdAt(), result.droppedEventsTotal(), result.missingBefore(), result.sha256());
    }
}
