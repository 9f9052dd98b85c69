package vn.canhgac.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.api.ApiModel.ReportStatus;
import vn.canhgac.server.api.ApiModel.SigningKeysBody;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.reports.ReportFormat;
import vn.canhgac.server.reports.ReportLanguage;
import vn.canhgac.server.reports.ReportManifest;
import vn.canhgac.server.reports.ReportQuery;
import vn.canhgac.server.reports.ReportRefused;
import vn.canhgac.server.reports.ReportService;
import vn.canhgac.server.reports.ReportService.Download;
import vn.canhgac.server.reports.ReportService.JobView;

/**
 * Violation reports: {@code POST /api/v1/reports} queues an export (202), {@code GET
 * /api/v1/reports/{id}} tells its progress, {@code …/file} and {@code …/manifest} send the
 * finished report and its signed manifest. {@code GET /api/v1/server/signing-keys} gives the
 * public keys that verify manifests offline. Every role may export, within its units.
 */
final class ReportRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("units", "from", "to", "types", "severities", "format", "language");
    private static final String EXAMPLE = "{\"units\":[\"Sở Nội vụ\"],\"from\":\"2026-01-01\",\"to\":\"2026-03-31\","
            + "\"types\":[],\"severities\":[\"high\",\"critical\"],\"format\":\"pdf\",\"language\":\"vi\"}";

    private final ReportService reports;
    private final VerifyingKeys signingKeys;
    private final Responses responses;

    ReportRoutes(ReportService reports, VerifyingKeys signingKeys, Responses responses) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.post("/api/v1/reports").handler(this::create);
        router.get("/api/v1/reports/:id").handler(this::status);
        router.get("/api/v1/reports/:id/file").handler(context -> send(context, () -> reports.file(principal(context), id(context))));
        router.get("/api/v1/reports/:id/manifest").handler(context -> send(context, () -> reports.manifest(principal(context), id(context))));
        router.get("/api/v1/server/signing-keys").handler(context -> responses.json(context, 200,
                new SigningKeysBody(Pem.encode(signingKeys.ed25519()), Pem.encode(signingKeys.mlDsa65()), signingKeys.fingerprint())));
    }

    private void create(RoutingContext context) {
        Principal principal = principal(context);
        Buffer body = context.body() == null ? null : context.body().buffer();
        responses.blocking(context, 202, () -> refusals(() -> status(reports.create(principal, parse(responses, body)))));
    }

    private void status(RoutingContext context) {
        Principal principal = principal(context);
        String id = id(context);
        responses.blocking(context, 200, () -> refusals(() -> status(reports.status(principal, id))));
    }

    /** Sends a finished report's file as it is stored; the lookup is in memory, the file is read by Vert.x without blocking. */
    private void send(RoutingContext context, Callable<Download> lookup) {
        Download download;
        try {
            download = refusals(lookup);
        } catch (Exception e) {
            if (!responses.refused(context, e)) {
                context.fail(500, e);
            }
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, download.mediaType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .sendFile(download.path().toString())
                .onFailure(failure -> context.fail(500, failure));
    }

    private static <T> T refusals(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (ReportRefused e) {
            throw switch (e.kind()) {
                case INVALID -> ApiException.badRequest(e.getMessage());
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case NOT_READY -> ApiException.conflict(e.getMessage());
                case BUSY -> ApiException.tooManyRequests(e.getMessage());
            };
        }
    }

    static ReportQuery parse(Responses responses, Buffer body) {
        JsonBody request = JsonBody.parse(responses.mapper(), body, CREATE_FIELDS, EXAMPLE);
        String format = request.required("format");
        String language = request.optional("language").orElse(ReportLanguage.VI.wire());
        List<Severity> severities = new ArrayList<>();
        for (String severity : request.list("severities")) {
            severities.add(Severity.parse(severity).orElseThrow(() -> ApiException.badRequest("severities: \"" + severity
                    + "\" is not a severity; use " + Severity.names())));
        }
        try {
            return new ReportQuery(request.list("units"), date(request, "from"), date(request, "to"), request.list("types"), severities,
                    ReportFormat.parse(format).orElseThrow(() -> ApiException.badRequest("format must be csv, json or pdf (got \""
                            + format + "\")")),
                    ReportLanguage.parse(language).orElseThrow(() -> ApiException.badRequest("language must be vi or en (got \""
                            + language + "\")")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static LocalDate date(JsonBody request, String field) {
        String text = request.required(field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a date like 2026-01-31 (got \"" + text + "\")");
        }
    }

    private static ReportStatus status(JobView job) {
        return new ReportStatus(job.id(), job.state().name().toLowerCase(Locale.ROOT), job.createdAt(), job.rowsDone(),
                job.rowsTotal(), job.query().format().wire(), job.manifest().map(ReportManifest::reportFile).orElse(null),
                job.manifest().map(ReportManifest::sha256).orElse(null), job.manifest().map(ReportManifest::rowCount).orElse(null),
                job.error().orElse(null));
    }

    private static Principal principal(RoutingContext context) {
        return BearerAuthentication.principal(context);
    }

    private static String id(RoutingContext context) {
        return context.pathParam("id");
    }
}
