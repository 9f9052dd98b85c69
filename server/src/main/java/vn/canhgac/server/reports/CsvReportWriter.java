package vn.canhgac.server.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import vn.canhgac.server.store.ViolationRow;

/**
 * The detail rows as CSV for spreadsheets: UTF-8 with a byte order mark (without it Excel reads
 * the file in the machine's legacy code page and garbles Vietnamese), RFC 4180 quoting and CRLF
 * line ends, the full evidence JSON in the last column. A cell that starts with = + - @ or a
 * tab or carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of
 * running it as a formula (hostnames and payloads come from agents, so from the workstations).
 */
final class CsvReportWriter implements ReportWriter {
    static final char BOM = '\uFEFF';
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ReportQuery.OFFSET);

    @Override
    public long write(ReportHeader header, ReportRows rows, OutputStream out) throws IOException {
        Labels labels = header.labels();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BOM);
        line(writer, List.of(labels.text("eventId"), labels.text("time"), labels.text("unit"), labels.text("host"), labels.text("agent"),
                labels.text("type"), labels.text("severity"), labels.text("evidence")));
        long written = rows.forEach(Long.MAX_VALUE, row -> line(writer, cells(row, labels)));
        writer.flush();
        return written;
    }

    private static List<String> cells(ViolationRow row, Labels labels) {
        return List.of(Long.toString(row.eventId()), TIME.format(row.occurredAt()), row.unit(), row.hostname(), row.agentId(), row.type(),
                labels.severity(row.severity()), row.payloadJson());
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
