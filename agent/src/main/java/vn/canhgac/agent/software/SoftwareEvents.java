package vn.canhgac.agent.software;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.policy.SoftwareRules;

/**
 * The payloads of the software events. Only known fields are present; times are ISO-8601
 * strings. The full inventory is split into parts that each stay under the event size limit.
 *
 * <ul>
 *   <li>{@code software.inventory}: reason (first-run, resend, baseline-unreadable), commandId
 *       for a resend, takenAt, part, parts, total, items[] of {source, name, version, publisher,
 *       installedAt, path}</li>
 *   <li>{@code software.installed}, {@code software.removed}: one item</li>
 *   <li>{@code software.upgraded}: source, name, fromVersion, toVersion, publisher, installedAt, path</li>
 *   <li>{@code software.violation}: subject (package or process), rule, action (alert or kill),
 *       result, and the evidence: name, version, source, publisher, path, sha256, pid, user,
 *       commandLine</li>
 * </ul>
 */
final class SoftwareEvents {

    static final String INVENTORY = "software.inventory";
    static final String INSTALLED = "software.installed";
    static final String REMOVED = "software.removed";
    static final String UPGRADED = "software.upgraded";
    static final String VIOLATION = "software.violation";
    /** Room left in each inventory part for its own fields and the event envelope. */
    static final int MAX_ITEMS_BYTES_PER_PART = FrameLimits.MAX_EVENT_PAYLOAD_BYTES - 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SoftwareEvents() {}

    static List<Map<String, Object>> inventoryParts(Collection<SoftwareItem> items, String reason, String commandId, Instant takenAt) {
        List<List<Map<String, Object>>> parts = new ArrayList<>();
        List<Map<String, Object>> part = new ArrayList<>();
        int bytes = 0;
        for (SoftwareItem item : items) {
            Map<String, Object> fields = item(item);
            int size = size(fields) + 1;
            if (!part.isEmpty() && bytes + size > MAX_ITEMS_BYTES_PER_PART) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(fields);
            bytes += size;
        }
        parts.add(part);
        List<Map<String, Object>> payloads = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("reason", reason);
            putIfKnown(payload, "commandId", commandId);
            payload.put("takenAt", takenAt.toString());
            payload.put("part", i + 1);
            payload.put("parts", parts.size());
            payload.put("total", items.size());
            payload.put("items", parts.get(i));
            payloads.add(payload);
        }
        return payloads;
    }

    static Map<String, Object> item(SoftwareItem item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", item.source());
        fields.put("name", item.name());
        putIfKnown(fields, "version", item.version());
        putIfKnown(fields, "publisher", item.publisher());
        putIfKnown(fields, "installedAt", item.installedAt());
        putIfKnown(fields, "path", item.path());
        return fields;
    }

    static Map<String, Object> upgraded(InventoryDiff.Change change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", change.after().source());
        fields.put("name", change.after().name());
        putIfKnown(fields, "fromVersion", change.before().version());
        putIfKnown(fields, "toVersion", change.after().version());
        putIfKnown(fields, "publisher", change.after().publisher());
        putIfKnown(fields, "installedAt", change.after().installedAt());
        putIfKnown(fields, "path", change.after().path());
        return fields;
    }

    static Map<String, Object> violation(SoftwareItem item, SoftwareRules.Decision decision) {
        Map<String, Object> fields = violation("package", decision, "reported");
        fields.put("name", item.name());
        putIfKnown(fields, "version", item.version());
        fields.put("source", item.source());
        putIfKnown(fields, "publisher", item.publisher());
        putIfKnown(fields, "path", item.path());
        return fields;
    }

    static Map<String, Object> violation(RunningProgram program, SoftwareRules.Decision decision, String result) {
        Map<String, Object> fields = violation("process", decision, result);
        fields.put("name", program.name());
        fields.put("source", "process");
        putIfKnown(fields, "path", program.executable());
        putIfKnown(fields, "sha256", program.sha256());
        fields.put("pid", program.pid());
        putIfKnown(fields, "user", program.user());
        putIfKnown(fields, "commandLine", program.commandLine());
        return fields;
    }

    static EventSeverity severity(SoftwareRules.Basis basis) {
        return switch (basis) {
            case KNOWN_BAD_HASH -> EventSeverity.CRITICAL;
            case REMOTE_CONTROL_TOOL, DENY_RULE -> EventSeverity.HIGH;
            case NOT_IN_ALLOW_LIST -> EventSeverity.MEDIUM;
            case ALLOWED -> EventSeverity.INFO;
        };
    }

    private static Map<String, Object> violation(String subject, SoftwareRules.Decision decision, String result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("subject", subject);
        fields.put("rule", decision.rule());
        fields.put("action", decision.verdict().word());
        fields.put("result", result);
        return fields;
    }

    private static void putIfKnown(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value instanceof Instant instant ? instant.toString() : value);
        }
    }

    private static int size(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsBytes(fields).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inventory item cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
