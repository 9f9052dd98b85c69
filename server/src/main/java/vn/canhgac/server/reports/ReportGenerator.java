package vn.canhgac.server.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.ViolationFilter;
import vn.canhgac.server.store.ViolationReportStore;

/**
 * Makes one report file and its signed manifest: freezes the set of violations (the highest
 * violation id now), counts them with GROUP BY queries, streams the rows into the format's
 * writer while hashing what is written, then signs a manifest of the result. Memory does not
 * grow with the number of rows: one page of rows and, for a PDF, one page of drawing at a time.
 */
public final class ReportGenerator {
    /** The default PDF row cap: about 700 pages; CSV and JSON carry every row. */
    public static final long DEFAULT_PDF_ROW_CAP = 50_000;

    private final ViolationReportStore store;
    private final SigningKeys keys;
    private final ServerIdentity server;
    private final long pdfRowCap;

    public ReportGenerator(ViolationReportStore store, SigningKeys keys, ServerIdentity server, long pdfRowCap) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.server = Objects.requireNonNull(server, "server");
        if (pdfRowCap < 1) {
            throw new IllegalArgumentException("the PDF row cap must be at least 1 (got " + pdfRowCap + ")");
        }
        this.pdfRowCap = pdfRowCap;
    }

    /**
     * Writes {@code file} and {@code manifestFile} (both new, owner-only).
     *
     * @param scope      the units covered: the query's units with all their sub-units, already checked against the caller's
     * @param fileName   the name the manifest gives the file, as it is offered for download
     * @param total      told the number of violations once they are counted
     * @param rowsDone   told the number of rows written after each page
     * @return the manifest written
     * @throws IOException if a file cannot be written; the caller removes what was left
     */
    public ReportManifest generate(ReportQuery query, Collection<String> scope, String generatedBy, Instant generatedAt, String fileName,
                                   Path file, Path manifestFile, LongConsumer total, LongConsumer rowsDone) throws IOException {
        ViolationFilter filter = new ViolationFilter(Set.copyOf(scope), query.start(), query.end(), Set.copyOf(query.types()),
                Set.copyOf(query.severities().stream().map(Severity::number).toList()), store.highestEventId());
        ReportSummary summary = ReportSummary.of(store, filter, query);
        total.accept(summary.total());
        List<String> sortedScope = scope.stream().sorted().toList();
        ReportHeader header = new ReportHeader(query, sortedScope, generatedBy, generatedAt, server, summary);
        MessageDigest digest = ReportManifests.sha256();
        long rows;
        createOwnerOnly(file);
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024), digest)) {
            rows = writer(query.format()).write(header, new ReportRows(store, filter, rowsDone::accept), out);
        }
        ReportManifest manifest = new ReportManifest(ReportManifest.VERSION, fileName, query.format().wire(),
                HexFormat.of().formatHex(digest.digest()), Files.size(file), rows, summary.total(), query.parameters(), sortedScope,
                generatedAt, generatedBy, server);
        createOwnerOnly(manifestFile);
        Files.write(manifestFile, ReportManifests.sign(manifest, keys), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return manifest;
    }

    private ReportWriter writer(ReportFormat format) {
        return switch (format) {
            case CSV -> new CsvReportWriter();
            case JSON -> new JsonReportWriter();
            case PDF -> new PdfReportWriter(pdfRowCap);
        };
    }

    /** Evidence leaves the store here: the files are readable by the server's user alone, from their first byte. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
