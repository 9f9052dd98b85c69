package vn.canhgac.server.reports;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import vn.canhgac.server.store.ViolationCount;
import vn.canhgac.server.store.ViolationRow;

/**
 * The report as a PDF an inspector can sign and file: title, scope, period, who made it and when,
 * the server, the totals per unit, type and severity, a bar chart of violations over time, a
 * signature block, then the detail rows (time, unit, host, type, severity, a one-line evidence
 * summary) up to a row cap, with a sentence saying so when the rows were cut. Every page says
 * "Trang X/Y". Text is drawn in embedded DejaVu Sans, so Vietnamese renders on any viewer.
 */
final class PdfReportWriter implements ReportWriter {
    static final String REGULAR_FONT = "/reports/fonts/DejaVuSans.ttf";
    static final String BOLD_FONT = "/reports/fonts/DejaVuSans-Bold.ttf";
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ReportQuery.OFFSET);
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC+07:00'")
            .withZone(ReportQuery.OFFSET);
    private static final float BODY = 9;
    private static final float ROW = 7;
    private static final float CHART_HEIGHT = 170;
    /** Detail columns: time, unit, host, type, severity, evidence; they add up to the page's width. */
    private static final float[] DETAIL_WIDTHS = {70, 95, 70, 95, 45, 140};

    private final long rowCap;

    PdfReportWriter(long rowCap) {
        if (rowCap < 0) {
            throw new IllegalArgumentException("the PDF row cap must not be negative (got " + rowCap + ")");
        }
        this.rowCap = rowCap;
    }

    @Override
    public long write(ReportHeader header, ReportRows rows, OutputStream out) throws IOException {
        Labels labels = header.labels();
        // Page content goes to a temporary file, not the heap: a report of 50,000 rows has about 700 pages.
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDDocumentInformation information = document.getDocumentInformation();
            information.setTitle(labels.text("title"));
            information.setAuthor(header.generatedBy());
            information.setCreator("Canh Gác");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone(ReportQuery.OFFSET));
            created.setTimeInMillis(header.generatedAt().toEpochMilli());
            information.setCreationDate(created);
            PdfCanvas canvas = new PdfCanvas(document, PdfFont.load(document, REGULAR_FONT), PdfFont.load(document, BOLD_FONT));
            canvas.newPage();
            writeHeading(canvas, header, labels);
            writeSummary(canvas, header.summary(), labels);
            writeChart(canvas, header.summary(), labels);
            writeSignature(canvas, labels);
            long written = writeDetails(canvas, header, rows, labels);
            int pages = document.getNumberOfPages();
            canvas.finish(page -> labels.format("page", page, pages));
            document.save(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    // The caller closes the stream after hashing what was written.
                    flush();
                }
            });
            return written;
        }
    }

    private static void writeHeading(PdfCanvas canvas, ReportHeader header, Labels labels) throws IOException {
        centred(canvas, canvas.bold(), 15, labels.text("title"));
        canvas.down(4);
        centred(canvas, canvas.regular(), 10, labels.text("subtitle"));
        canvas.down(14);
        ReportQuery query = header.query();
        field(canvas, labels.text("scope"), String.join(", ", query.units()) + " (" + labels.text("scopeNote") + ")");
        field(canvas, labels.text("period"), labels.format("periodText", labels.date(query.from()), labels.date(query.to())));
        field(canvas, labels.text("types"), query.types().isEmpty() ? labels.text("all") : String.join(", ", query.types()));
        field(canvas, labels.text("severities"), query.severities().isEmpty() ? labels.text("all")
                : String.join(", ", query.severities().stream().map(severity -> labels.severity(severity.number())).toList()));
        field(canvas, labels.text("generatedBy"), header.generatedBy());
        field(canvas, labels.text("generatedAt"), HEADER_TIME.format(header.generatedAt()));
        field(canvas, labels.text("server"), labels.format("serverText", shortFingerprint(header.server().caFingerprint()),
                shortFingerprint(header.server().signingKeyFingerprint())));
        canvas.down(6);
        field(canvas, labels.text("total"), labels.format("count.value", header.summary().total()));
    }

    private static void writeSummary(PdfCanvas canvas, ReportSummary summary, Labels labels) throws IOException {
        countTable(canvas, labels.text("byUnit"), labels.text("unit"), labels, summary.byUnit(), key -> key);
        countTable(canvas, labels.text("byType"), labels.text("type"), labels, summary.byType(), key -> key);
        countTable(canvas, labels.text("bySeverity"), labels.text("severity"), labels, summary.bySeverity(),
                key -> labels.severity(Integer.parseInt(key)));
    }

    private interface KeyText {
        String text(String key);
    }

    private static void countTable(PdfCanvas canvas, String title, String keyHeader, Labels labels, List<ViolationCount> counts,
                                   KeyText keyText) throws IOException {
        canvas.ensure(60);
        canvas.down(14);
        line(canvas, canvas.bold(), 10, PdfCanvas.MARGIN, title);
        canvas.down(4);
        float[] widths = {PdfCanvas.WIDTH - 100, 100};
        Table table = new Table(canvas, widths, BODY, List.of(keyHeader, labels.text("count")));
        table.header();
        if (counts.isEmpty()) {
            table.row(List.of(labels.text("none"), ""));
        }
        for (ViolationCount count : counts) {
            table.row(List.of(keyText.text(count.key()), labels.format("count.value", count.count())));
        }
        canvas.onNewPage(() -> {});
    }

    /** Bars of the timeline with a few value lines; at most about a dozen dates are written under the axis. */
    private static void writeChart(PdfCanvas canvas, ReportSummary summary, Labels labels) throws IOException {
        canvas.ensure(CHART_HEIGHT + 50);
        canvas.down(16);
        line(canvas, canvas.bold(), 10, PdfCanvas.MARGIN, labels.timeline(summary.bucket()));
        canvas.down(8);
        List<ViolationCount> timeline = summary.timeline();
        long max = Math.max(1, timeline.stream().mapToLong(ViolationCount::count).max().orElse(0));
        long step = niceStep(max);
        long top = ((max + step - 1) / step) * step;
        float axisX = PdfCanvas.MARGIN + 45;
        float plotWidth = PdfCanvas.WIDTH - 45;
        float bottom = canvas.y() - CHART_HEIGHT;
        PdfFont font = canvas.regular();
        for (long value = 0; value <= top; value += step) {
            float lineY = bottom + CHART_HEIGHT * value / top;
            canvas.line(axisX, lineY, axisX + plotWidth, lineY, value == 0 ? 0f : 0.85f);
            String text = labels.format("count.value", value);
            canvas.text(font, 7, axisX - 4 - font.width(text, 7), lineY - 2.5f, text);
        }
        float slot = plotWidth / Math.max(1, timeline.size());
        int labelEvery = Math.max(1, (int) Math.ceil(timeline.size() / 12.0));
        for (int i = 0; i < timeline.size(); i++) {
            ViolationCount bucket = timeline.get(i);
            float x = axisX + i * slot;
            float height = CHART_HEIGHT * bucket.count() / top;
            if (height > 0) {
                canvas.fill(x + slot * 0.15f, bottom, Math.max(0.5f, slot * 0.7f), height, 0.75f, 0.11f, 0.11f);
            }
            if (i % labelEvery == 0) {
                String date = font.clean(labels.date(LocalDate.parse(bucket.key())));
                canvas.text(font, 6, x, bottom - 9, date);
            }
        }
        canvas.down(CHART_HEIGHT + 14);
    }

    private static void writeSignature(PdfCanvas canvas, Labels labels) throws IOException {
        canvas.ensure(110);
        canvas.down(24);
        float x = PdfCanvas.MARGIN + PdfCanvas.WIDTH * 0.6f;
        float width = PdfCanvas.WIDTH * 0.4f;
        centredIn(canvas, canvas.bold(), 10, x, width, labels.text("signature"));
        canvas.down(4);
        centredIn(canvas, canvas.regular(), 8, x, width, labels.text("signatureNote"));
        canvas.down(60);
        for (String text : canvas.regular().wrap(labels.text("integrity"), 7, PdfCanvas.WIDTH)) {
            line(canvas, canvas.regular(), 7, PdfCanvas.MARGIN, text);
        }
    }

    private long writeDetails(PdfCanvas canvas, ReportHeader header, ReportRows rows, Labels labels) throws IOException {
        canvas.newPage();
        line(canvas, canvas.bold(), 11, PdfCanvas.MARGIN, labels.text("details"));
        canvas.down(4);
        long total = header.summary().total();
        if (total > rowCap) {
            for (String text : canvas.regular().wrap(labels.format("truncated", rowCap, total), BODY, PdfCanvas.WIDTH)) {
                line(canvas, canvas.regular(), BODY, PdfCanvas.MARGIN, text);
            }
            canvas.down(4);
        }
        if (total == 0) {
            line(canvas, canvas.regular(), BODY, PdfCanvas.MARGIN, labels.text("none"));
            return 0;
        }
        Table table = new Table(canvas, DETAIL_WIDTHS, ROW, List.of(labels.text("time"), labels.text("unit"), labels.text("host"),
                labels.text("type"), labels.text("severity"), labels.text("evidence")));
        table.header();
        List<String> cells = new ArrayList<>(DETAIL_WIDTHS.length);
        return rows.forEach(rowCap, row -> {
            cells.clear();
            detailCells(row, labels, cells);
            table.row(cells);
        });
    }

    private static void detailCells(ViolationRow row, Labels labels, List<String> cells) {
        cells.add(ROW_TIME.format(row.occurredAt()));
        cells.add(row.unit());
        cells.add(row.hostname().isEmpty() ? row.agentId() : row.hostname());
        cells.add(row.type());
        cells.add(labels.severity(row.severity()));
        cells.add(Evidence.summary(row.payloadJson(), 120));
    }

    /** A table whose header is drawn again at the top of every page it continues on. */
    private static final class Table {
        private final PdfCanvas canvas;
        private final float[] widths;
        private final float size;
        private final List<String> headings;

        Table(PdfCanvas canvas, float[] widths, float size, List<String> headings) {
            this.canvas = canvas;
            this.widths = widths;
            this.size = size;
            this.headings = headings;
        }

        void header() throws IOException {
            canvas.onNewPage(this::drawHeader);
            canvas.ensure(2 * (size + 5));
            drawHeader();
        }

        private void drawHeader() throws IOException {
            float height = size + 5;
            canvas.fill(PdfCanvas.MARGIN, canvas.y() - height, PdfCanvas.WIDTH, height, 0.88f, 0.88f, 0.88f);
            cells(canvas.bold(), headings);
        }

        void row(List<String> values) throws IOException {
            canvas.ensure(size + 5);
            cells(canvas.regular(), values);
        }

        private void cells(PdfFont font, List<String> values) throws IOException {
            float height = size + 5;
            float x = PdfCanvas.MARGIN;
            for (int i = 0; i < widths.length; i++) {
                String text = font.fit(values.get(i), size, widths[i] - 4);
                boolean number = i == widths.length - 1 && widths.length == 2;
                float textX = number ? x + widths[i] - 2 - font.width(text, size) : x + 2;
                canvas.text(font, size, textX, canvas.y() - size - 1, text);
                x += widths[i];
            }
            canvas.line(PdfCanvas.MARGIN, canvas.y() - height, PdfCanvas.MARGIN + PdfCanvas.WIDTH, canvas.y() - height, 0.8f);
            canvas.down(height);
        }
    }

    private static void field(PdfCanvas canvas, String label, String value) throws IOException {
        float valueX = PdfCanvas.MARGIN + 105;
        List<String> lines = canvas.regular().wrap(value, BODY, PdfCanvas.WIDTH - 105);
        canvas.ensure((BODY + 4) * lines.size());
        canvas.text(canvas.bold(), BODY, PdfCanvas.MARGIN, canvas.y() - BODY, canvas.bold().clean(label));
        for (String text : lines) {
            canvas.text(canvas.regular(), BODY, valueX, canvas.y() - BODY, text);
            canvas.down(BODY + 4);
        }
    }

    private static void line(PdfCanvas canvas, PdfFont font, float size, float x, String text) throws IOException {
        canvas.ensure(size + 4);
        canvas.text(font, size, x, canvas.y() - size, font.fit(text, size, PdfCanvas.WIDTH));
        canvas.down(size + 4);
    }

    private static void centred(PdfCanvas canvas, PdfFont font, float size, String text) throws IOException {
        centredIn(canvas, font, size, PdfCanvas.MARGIN, PdfCanvas.WIDTH, text);
    }

    private static void centredIn(PdfCanvas canvas, PdfFont font, float size, float x, float width, String text) throws IOException {
        String cleaned = font.fit(text, size, width);
        canvas.ensure(size + 4);
        canvas.text(font, size, x + (width - font.width(cleaned, size)) / 2, canvas.y() - size, cleaned);
        canvas.down(size + 4);
    }

    /** The first 16 hex digits, grouped by four: enough to compare by eye; the manifest holds the whole value. */
    private static String shortFingerprint(String hex) {
        String head = hex.substring(0, Math.min(16, hex.length())).toUpperCase(Locale.ROOT);
        return String.join(":", head.split("(?<=\\G.{4})")) + "…";
    }

    /** 1, 2 or 5 times a power of ten, so that the axis has at most five value lines. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (max <= step * factor * 5) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }
}
