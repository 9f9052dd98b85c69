package vn.canhgac.server.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.ViolationCount;
import vn.canhgac.server.store.ViolationRow;

/**
 * The report as one JSON document, written with a streaming generator: {@code report} (query,
 * scope, who, when, server), {@code summary} (counts), {@code rows} (each with its evidence as
 * the agent sent it), then {@code rowCount}. Keys and severity names are English whatever the
 * language: the document is for programs.
 */
final class JsonReportWriter implements ReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public long write(ReportHeader header, ReportRows rows, OutputStream out) throws IOException {
        JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        // The caller closes the stream after hashing what was written.
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeObjectFieldStart("report");
        json.writeStringField("title", header.labels().text("title"));
        json.writeObjectField("query", header.query().parameters());
        json.writeObjectField("scope", header.scope());
        json.writeStringField("generatedBy", header.generatedBy());
        json.writeStringField("generatedAt", header.generatedAt().toString());
        json.writeObjectField("server", header.server());
        json.writeEndObject();
        writeSummary(json, header.summary());
        json.writeArrayFieldStart("rows");
        long written = rows.forEach(Long.MAX_VALUE, row -> writeRow(json, row));
        json.writeEndArray();
        json.writeNumberField("rowCount", written);
        json.writeEndObject();
        json.close();
        return written;
    }

    private static void writeSummary(JsonGenerator json, ReportSummary summary) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeNumberField("total", summary.total());
        counts(json, "byUnit", "unit", summary.byUnit());
        counts(json, "byType", "type", summary.byType());
        json.writeArrayFieldStart("bySeverity");
        for (ViolationCount count : summary.bySeverity()) {
            json.writeStartObject();
            json.writeStringField("severity", Severity.of(Integer.parseInt(count.key())).wire());
            json.writeNumberField("count", count.count());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("timelineBucket", summary.bucket().name().toLowerCase(Locale.ROOT));
        counts(json, "timeline", "start", summary.timeline());
        json.writeEndObject();
    }

    private static void counts(JsonGenerator json, String field, String keyName, List<ViolationCount> counts) throws IOException {
        json.writeArrayFieldStart(field);
        for (ViolationCount count : counts) {
            json.writeStartObject();
            json.writeStringField(keyName, count.key());
            json.writeNumberField("count", count.count());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeRow(JsonGenerator json, ViolationRow row) throws IOException {
        json.writeStartObject();
        json.writeNumberField("eventId", row.eventId());
        json.writeStringField("occurredAt", row.occurredAt().toString());
        json.writeStringField("unit", row.unit());
        json.writeStringField("host", row.hostname());
        json.writeStringField("agentId", row.agentId());
        json.writeStringField("type", row.type());
        json.writeStringField("severity", Severity.of(row.severity()).wire());
        json.writeFieldName("evidence");
        JsonNode evidence = evidence(row.payloadJson());
        if (evidence == null) {
            // A payload that is not JSON is kept, as a string, rather than dropped.
            json.writeString(row.payloadJson());
        } else {
            json.writeTree(evidence);
        }
        json.writeEndObject();
    }

    private static JsonNode evidence(String payloadJson) {
        try {
            JsonNode node = MAPPER.readTree(payloadJson);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
