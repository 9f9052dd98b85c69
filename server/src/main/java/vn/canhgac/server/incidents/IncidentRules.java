package vn.canhgac.server.incidents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How violations become incidents: the key they are grouped by, and the reporting deadline.
 * Pure; the event store applies it inside the transaction that stores the violations.
 *
 * <p>The rule key is the violation type, plus {@code :} and the payload's top-level
 * {@code "rule"} string when there is one. The agents fill {@code rule} with the part of the
 * policy that decided, which stays the same from one violation to the next: USB
 * {@code usb.storage=block} or {@code usb.storage=read-only}, software {@code builtin:teamviewer},
 * {@code name=TeamViewer*} or {@code allow-list}. Network and document violations carry no rule
 * (one rule each fires them: Internet reachability, a marked document on a connected machine),
 * so their key is the type: one incident per machine while it lasts, however many documents or
 * signals it involves. Fields that change between violations (device serial, document
 * reference, pid) are deliberately not part of the key: they are evidence, not the rule.
 */
public final class IncidentRules {
    public static final Duration DEFAULT_REPORTING_DEADLINE = Duration.ofHours(24);
    /** Longer rule texts are cut here: a key is an index entry, not a document. */
    static final int MAX_RULE_CHARS = 200;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    private final Duration reportingDeadline;

    public IncidentRules(Duration reportingDeadline) {
        Objects.requireNonNull(reportingDeadline, "reportingDeadline");
        if (reportingDeadline.isNegative() || reportingDeadline.isZero()) {
            throw new IllegalArgumentException("the reporting deadline must be positive (got " + reportingDeadline + ")");
        }
        this.reportingDeadline = reportingDeadline;
    }

    public static IncidentRules defaults() {
        return new IncidentRules(DEFAULT_REPORTING_DEADLINE);
    }

    public Instant deadlineFor(Instant raisedAt) {
        return raisedAt.plus(reportingDeadline);
    }

    /** The key a violation of this type and payload is grouped under; a payload that is not a JSON object gives the type alone. */
    public static String ruleKey(String type, String payloadJson) {
        String rule = topLevelRule(payloadJson);
        return rule.isEmpty() ? type : type + ":" + rule;
    }

    /** Reads only as far as the top-level "rule" field, skipping nested values unparsed. */
    private static String topLevelRule(String payloadJson) {
        try (JsonParser parser = JSON.createParser(payloadJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("rule".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return "";
                    }
                    String rule = parser.getText().strip();
                    return rule.length() > MAX_RULE_CHARS ? rule.substring(0, MAX_RULE_CHARS) : rule;
                }
                parser.skipChildren();
            }
            return "";
        } catch (IOException e) {
            // The channel checks that payloads are UTF-8 text, not that they are JSON: such a payload is still a violation, filed by type.
            return "";
        }
    }
}
