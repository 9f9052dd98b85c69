package vn.canhgac.agent.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.agent.collect.ConnectivityBoard.Verdict;

/**
 * The judgement of one evaluation.
 *
 * @param signals     everything that led to the verdict, in words ("default via 192.0.2.1 dev eth0: not allowed by policy")
 * @param violations  for a secret workstation, each reason the machine breaks the rule; empty otherwise
 * @param offending   interfaces that carry a violation, with its reasons: what {@code isolate} brings down
 * @param managementLink the interface that reaches the management server on an internal network: kept up by {@code isolate}
 */
public record Assessment(Verdict verdict, List<String> signals, List<String> violations, Map<String, List<String>> offending,
                         Optional<ManagementLink> managementLink) {

    public Assessment {
        signals = List.copyOf(signals);
        violations = List.copyOf(violations);
        offending = Collections.unmodifiableMap(new LinkedHashMap<>(offending));
    }

    /** The interface that reaches the management server, and why it stays up. */
    public record ManagementLink(String device, String reason) {}

    /** "offline", "internal" or "internet": the words of findings and events. */
    public String verdictWord() {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    public boolean violation() {
        return !violations.isEmpty();
    }
}
