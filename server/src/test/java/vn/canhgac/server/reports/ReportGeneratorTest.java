package vn.canhgac.server.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.ViolationHistory;

/** Reports over a generated history of 100,000 violations in 50 units, checked against counts taken with plain SQL. */
class ReportGeneratorTest {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 31);
    private static final int VIOLATIONS = 100_000;
    private static final String SO_TU_PHAP = "Sở Tư pháp";

    @TempDir
    static Path dir;

    private static SqliteDatabase database;
    private static SigningKeys keys;
    private static ReportGenerator generator;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void generateHistory() throws SQLException {
        database = SqliteDatabase.open(dir.resolve("canhgac.db"));
        // A month either side of the reported period, so the period's bounds are tested too.
        ViolationHistory.write(database.file(), VIOLATIONS, FROM.minusMonths(1), TO.plusMonths(1), 20261102L);
        keys = SigningKeys.generate(new SecureRandom());
        generator = new ReportGenerator(database.violationReports(), keys, new ServerIdentity("ab".repeat(32), keys.verifying().fingerprint()),
                2_000);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void jsonSummaryAndRowsOfEveryUnitMatchCountsTakenDirectlyFromTheStore() throws Exception {
        List<String> all = ViolationHistory.allUnits();
        assertEquals(50, all.size());
        Export export = export(query(ViolationHistory.DEPARTMENTS, List.of(), List.of(), ReportFormat.JSON, ReportLanguage.VI), all);

        JsonNode report = mapper.readTree(export.file().toFile());
        long expectedTotal = sqlCount("", List.of());
        assertTrue(expectedTotal > VIOLATIONS / 2 && expectedTotal < VIOLATIONS, "the period holds part of the history: " + expectedTotal);
        assertEquals(expectedTotal, report.at("/summary/total").asLong());
        assertEquals(expectedTotal, report.get("rows").size());
        assertEquals(expectedTotal, report.get("rowCount").asLong());
        assertEquals(expectedTotal, export.manifest().rowCount());
        assertEquals(expectedTotal, export.rowsDone().get());
        assertEquals(sqlGroup("a.unit"), counts(report.at("/summary/byUnit"), "unit"));
        assertEquals(50, report.at("/summary/byUnit").size());
        assertEquals(sqlGroup("v.type"), counts(report.at("/summary/byType"), "type"));
        long timelineSum = 0;
        for (JsonNode bucket : report.at("/summary/timeline")) {
            timelineSum += bucket.get("count").asLong();
        }
        assertEquals(expectedTotal, timelineSum);
        assertEquals("week", report.at("/summary/timelineBucket").asText());
        JsonNode first = report.get("rows").get(0);
        assertEquals("Thiết bị lưu trữ ngoài không an toàn", first.at("/evidence/note").asText());
        assertTrue(Instant.parse(first.get("occurredAt").asText()).isAfter(FROM.atStartOfDay().minusHours(8).toInstant(java.time.ZoneOffset.UTC)));
    }

    @Test
    void aUnitIncludesItsSubUnitsAndNothingElse() throws Exception {
        Set<String> scope = new HashSet<>(ViolationHistory.subUnits(SO_TU_PHAP));
        scope.add(SO_TU_PHAP);
        Export export = export(query(List.of(SO_TU_PHAP), List.of(), List.of(), ReportFormat.CSV, ReportLanguage.VI), scope);

        List<String> lines = Files.readAllLines(export.file(), StandardCharsets.UTF_8);
        long expected = sqlCount(" AND a.unit IN (" + String.join(", ", Collections.nCopies(scope.size(), "?")) + ")", List.copyOf(scope));
        assertEquals(expected + 1, lines.size(), "a header line and one line per violation");
        assertEquals(expected, export.manifest().totalViolations());
        for (String line : lines.subList(1, lines.size())) {
            String unit = line.split(",")[2];
            assertTrue(scope.contains(unit), "a row of " + unit + " is outside " + scope);
        }
    }

    @Test
    void typesAndSeveritiesNarrowTheReport() throws Exception {
        String type = ViolationHistory.TYPES.getFirst();
        Export export = export(query(ViolationHistory.DEPARTMENTS, List.of(type), List.of(Severity.CRITICAL, Severity.HIGH),
                ReportFormat.JSON, ReportLanguage.EN), ViolationHistory.allUnits());

        JsonNode report = mapper.readTree(export.file().toFile());
        long expected = sqlCount(" AND v.type = ? AND v.severity IN (4, 5)", List.of(type));
        assertTrue(expected > 0);
        assertEquals(expected, report.at("/summary/total").asLong());
        for (JsonNode row : report.get("rows")) {
            assertEquals(type, row.get("type").asText());
            assertTrue(Set.of("high", "critical").contains(row.get("severity").asText()), row.toString());
        }
    }

    @Test
    void csvStartsWithAByteOrderMarkAndHoldsVietnameseInUtf8() throws Exception {
        Export export = export(query(List.of(TestUnits.SO_NOI_VU), List.of(), List.of(), ReportFormat.CSV, ReportLanguage.VI),
                Set.of(TestUnits.SO_NOI_VU));

        byte[] bytes = Files.readAllBytes(export.file());
        assertEquals(0xEF, bytes[0] & 0xff);
        assertEquals(0xBB, bytes[1] & 0xff);
        assertEquals(0xBF, bytes[2] & 0xff);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Mã sự kiện,Thời gian,Đơn vị,Tên máy,Mã tác tử,Loại,Mức độ,Bằng chứng\r\n"), text.substring(0, 100));
        assertTrue(text.contains(",Sở Nội vụ,may-tram-"), "the unit's name in UTF-8");
        assertTrue(text.contains("Thiết bị lưu trữ ngoài không an toàn"));
        assertTrue(text.contains("\"{\"\"device\"\":\"\"Kingston DataTraveler 3.0\"\""), "evidence JSON quoted as RFC 4180 says");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(export.file())));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreWrittenAsText() {
        assertEquals("'=HYPERLINK(\"\"x\"\")", CsvReportWriter.cell("=HYPERLINK(\"x\")").replace("\"'", "'").replaceFirst("\"$", ""));
        assertEquals("'+1", CsvReportWriter.cell("+1"));
        assertEquals("'-2", CsvReportWriter.cell("-2"));
        assertEquals("'@SUM(A1)", CsvReportWriter.cell("@SUM(A1)"));
        assertEquals("\"a,b\"", CsvReportWriter.cell("a,b"));
        assertEquals("\"line\nbreak\"", CsvReportWriter.cell("line\nbreak"));
        assertEquals("plain", CsvReportWriter.cell("plain"));
    }

    @Test
    void pdfHasTheVietnameseTitleLabelsUnitsPageNumbersAndSaysWhenRowsWereCut() throws Exception {
        List<String> units = List.of(SO_TU_PHAP, TestUnits.SO_NOI_VU);
        Set<String> scope = new HashSet<>(units);
        scope.addAll(ViolationHistory.subUnits(SO_TU_PHAP));
        scope.addAll(ViolationHistory.subUnits(TestUnits.SO_NOI_VU));
        Export export = export(query(units, List.of(), List.of(), ReportFormat.PDF, ReportLanguage.VI), scope);

        String text;
        int pages;
        try (PDDocument document = Loader.loadPDF(export.file().toFile())) {
            text = new PDFTextStripper().getText(document);
            pages = document.getNumberOfPages();
        }
        assertTrue(text.contains("BÁO CÁO VI PHẠM AN TOÀN THÔNG TIN"), text.substring(0, 400));
        assertTrue(text.contains("Phạm vi"));
        assertTrue(text.contains("Sở Nội vụ, Sở Tư pháp"));
        assertTrue(text.contains("Thanh tra - Sở Tư pháp"));
        assertTrue(text.contains("từ ngày 01/01/2026 đến ngày 31/03/2026"));
        assertTrue(text.contains("Người lập"));
        assertTrue(text.contains("inspector-a"));
        assertTrue(text.contains("Số vi phạm theo tuần"));
        assertTrue(text.contains("Chi tiết vi phạm"));
        assertTrue(text.contains("nghiêm trọng"));
        assertTrue(text.contains("Trang 1/" + pages));
        assertTrue(text.contains("Trang " + pages + "/" + pages));
        assertTrue(text.contains("Bản PDF chỉ in 2.000 dòng đầu"), "the row cap is stated");
        assertEquals(2_000, export.manifest().rowCount());
        assertTrue(export.manifest().totalViolations() > 2_000);
    }

    @Test
    void englishPdfOnRequest() throws Exception {
        Export export = export(query(List.of(TestUnits.TAN_LAP), List.of(), List.of(), ReportFormat.PDF, ReportLanguage.EN),
                Set.of(TestUnits.TAN_LAP));

        try (PDDocument document = Loader.loadPDF(export.file().toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("INFORMATION SECURITY VIOLATION REPORT"));
            assertTrue(text.contains("UBND xã Tân Lập"));
            assertTrue(text.contains("Page 1 of " + document.getNumberOfPages()));
        }
    }

    @Test
    void manifestVerifiesOnTheUntouchedFilesAndFailsAfterAOneByteChange() throws Exception {
        Export export = export(query(List.of(TestUnits.SO_NOI_VU), List.of(), List.of(), ReportFormat.CSV, ReportLanguage.VI),
                Set.of(TestUnits.SO_NOI_VU));
        byte[] manifest = Files.readAllBytes(export.manifestFile());

        ReportManifest verified = ReportManifests.verify(export.file(), manifest, keys.verifying());
        assertEquals(ReportManifests.sha256(export.file()), verified.sha256());
        assertEquals("inspector-a", verified.generatedBy());
        assertEquals(List.of(TestUnits.SO_NOI_VU), verified.query().get("units"));

        Path changed = dir.resolve("changed.csv");
        byte[] bytes = Files.readAllBytes(export.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(changed, bytes);
        ManifestRefused fileRefused = assertThrows(ManifestRefused.class, () -> ReportManifests.verify(changed, manifest, keys.verifying()));
        assertEquals(ManifestRefused.Check.FILE, fileRefused.check());
        assertTrue(fileRefused.getMessage().startsWith("file hash mismatch"), fileRefused.getMessage());

        for (int position : new int[] {40, manifest.length / 2, manifest.length - 40}) {
            byte[] tampered = manifest.clone();
            tampered[position] ^= 1;
            ManifestRefused refused = assertThrows(ManifestRefused.class,
                    () -> ReportManifests.verify(export.file(), tampered, keys.verifying()), "byte " + position);
            assertTrue(refused.check() != ManifestRefused.Check.FILE, refused.getMessage());
        }

        SigningKeys other = SigningKeys.generate(new SecureRandom());
        ManifestRefused foreign = assertThrows(ManifestRefused.class, () -> ReportManifests.verify(export.file(), manifest, other.verifying()));
        assertEquals(ManifestRefused.Check.SIGNATURE, foreign.check());
        assertTrue(foreign.getMessage().contains("Ed25519"), foreign.getMessage());
    }

    @Test
    void anEmptyPeriodGivesAReportThatSaysSo() throws Exception {
        ReportQuery query = new ReportQuery(List.of(TestUnits.SO_NOI_VU), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2), List.of(),
                List.of(), ReportFormat.PDF, ReportLanguage.VI);
        Export export = export(query, Set.of(TestUnits.SO_NOI_VU));

        try (PDDocument document = Loader.loadPDF(export.file().toFile())) {
            assertTrue(new PDFTextStripper().getText(document).contains("Không có vi phạm nào"));
        }
        assertEquals(0, export.manifest().rowCount());
    }

    @Test
    void queryParametersAreCheckedWithMessagesThatSayWhatToFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> query(List.of(), List.of(), List.of(), ReportFormat.CSV,
                ReportLanguage.VI)).getMessage().contains("at least one unit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReportQuery(List.of("A"), TO, FROM, List.of(), List.of(),
                ReportFormat.CSV, ReportLanguage.VI)).getMessage().contains("must not end"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> query(List.of("A"), List.of("USB!"), List.of(), ReportFormat.CSV,
                ReportLanguage.VI)).getMessage().contains("not a valid event type"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReportQuery(List.of("A"), FROM, FROM.plusYears(11), List.of(),
                List.of(), ReportFormat.CSV, ReportLanguage.VI)).getMessage().contains("at most 3660 days"));
    }

    private record Export(Path file, Path manifestFile, ReportManifest manifest, AtomicLong rowsDone) {}

    private static ReportQuery query(List<String> units, List<String> types, List<Severity> severities, ReportFormat format,
                                     ReportLanguage language) {
        return new ReportQuery(units, FROM, TO, types, severities, format, language);
    }

    private static Export export(ReportQuery query, Collection<String> scope) throws IOException {
        Path file = Files.createTempDirectory(dir, "export").resolve("report" + query.format().extension());
        Path manifestFile = file.resolveSibling(file.getFileName() + ReportManifests.FILE_SUFFIX);
        AtomicLong rowsDone = new AtomicLong();
        ReportManifest manifest = generator.generate(query, scope, "inspector-a", Instant.parse("2026-04-01T02:00:00Z"),
                file.getFileName().toString(), file, manifestFile, total -> { }, rowsDone::set);
        return new Export(file, manifestFile, manifest, rowsDone);
    }

    private static Map<String, Long> counts(JsonNode array, String keyName) {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode entry : array) {
            counts.put(entry.get(keyName).asText(), entry.get("count").asLong());
        }
        return counts;
    }

    private static long sqlCount(String condition, List<String> parameters) throws SQLException {
        Map<String, Long> result = sql("SELECT 'all', COUNT(*)" + FROM_PERIOD + condition, parameters);
        return result.getOrDefault("all", 0L);
    }

    private static Map<String, Long> sqlGroup(String column) throws SQLException {
        return sql("SELECT " + column + ", COUNT(*)" + FROM_PERIOD + " GROUP BY " + column, List.of());
    }

    private static final String FROM_PERIOD = " FROM violations v JOIN agents a ON a.id = v.agent_id WHERE v.occurred_at >= "
            + FROM.atStartOfDay().toInstant(ReportQuery.OFFSET).toEpochMilli() + " AND v.occurred_at < "
            + TO.plusDays(1).atStartOfDay().toInstant(ReportQuery.OFFSET).toEpochMilli();

    private static Map<String, Long> sql(String sql, List<String> parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.file());
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            Map<String, Long> result = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getLong(2));
                }
            }
            return result;
        }
    }
}
