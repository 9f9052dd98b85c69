package vn.canhgac.server.policy.dryrun;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a policy would have flagged over stored events.
 *
 * @param eventsScanned events read (of the scope, in the period), up to {@code cap}
 * @param capped        the scan stopped at {@code cap} events; later events were not looked at
 * @param sections      one per rule kind, in the order usb, software, secretDrafting, documents
 */
public record DryRunReport(String policyName, Instant from, Instant until, long eventsScanned, boolean capped, long cap,
                           List<Section> sections) {
    public DryRunReport {
        Objects.requireNonNull(policyName, "policyName");
        sections = List.copyOf(sections);
    }

    /** One rule kind: how many events it would have flagged, and the first {@link DryRunEvaluator#MAX_SAMPLES} of them. */
    public record Section(String kind, long count, List<Finding> samples, String note) {
        public Section {
            samples = List.copyOf(samples);
        }
    }

    /** One flagged event: whose, when, what was seen and which rule flags it. */
    public record Finding(String agentId, String unit, Instant occurredAt, String what, String why) {}
}
