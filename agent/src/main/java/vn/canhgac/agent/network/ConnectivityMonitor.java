package vn.canhgac.agent.network;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.SecretDraftingPolicy;

/**
 * The connectivity collector's state between evaluations, and what it reports: a
 * {@code network.verdict_changed} event (with the previous verdict and since when it held) and a
 * history entry when the verdict changes; for a
 * secret workstation, a critical {@code network.violation} when its set of violations changes
 * (and {@code network.violation_cleared} when they are gone), and under {@code isolate} a
 * {@code network.isolated} event whenever what isolation did differs from last time. Every
 * event carries the machine's role.
 *
 * <p>Implementation notes: confined to the collector's one evaluation thread. A persisting
 * violation is reported once, not every minute; isolation, though, is retried at every
 * evaluation while offending interfaces remain, because an interface brought down can be
 * brought up again by the user.
 */
final class ConnectivityMonitor {

    private static final Logger log = LoggerFactory.getLogger(ConnectivityMonitor.class);
    /** Keeps an event far below the 64 KiB payload limit even on a host with hundreds of interfaces. */
    static final int MAX_LISTED = 50;
    static final int MAX_TEXT = 300;

    private final ConnectivityCheck check;
    private final ConnectivityHistory history;
    private final Isolation isolation;
    private final CollectorContext context;
    private NetworkState lastState;
    private List<NetworkState.Problem> lastProblems = List.of();
    private String lastVerdict = "unknown";
    private Optional<Instant> lastVerdictSince = Optional.empty();
    private List<String> lastViolations = List.of();
    private List<Isolation.Step> lastSteps = List.of();

    ConnectivityMonitor(ConnectivityCheck check, ConnectivityHistory history, Isolation isolation, CollectorContext context) {
        this.check = check;
        this.history = history;
        this.isolation = isolation;
        this.context = context;
        lastRecorded(history).ifPresent(entry -> {
            lastVerdict = entry.verdict();
            lastVerdictSince = Optional.of(entry.at());
        });
    }

    /**
     * Reads the network and, when {@code full} or when something changed since the last reading, runs the probes and judges.
     *
     * @return whether isolation brought an interface down (the caller then looks again soon)
     */
    boolean evaluate(boolean full) {
        NetworkState state = check.read();
        logProblems(state.problems());
        if (!full && state.sameNetworkAs(lastState)) {
            return false;
        }
        lastState = state;
        Policy policy = context.policy().get();
        ConnectivityCheck.Evaluation evaluation = check.evaluate(state, policy.secretDrafting(), context.role(), context.clock().instant());
        Assessment assessment = evaluation.assessment();
        context.connectivity().publish(evaluation.snapshot());
        recordVerdict(evaluation);
        reportViolations(assessment, policy.secretDrafting());
        return isolate(assessment, policy.secretDrafting());
    }

    private void recordVerdict(ConnectivityCheck.Evaluation evaluation) {
        String verdict = evaluation.assessment().verdictWord();
        if (verdict.equals(lastVerdict)) {
            return;
        }
        List<String> signals = capped(evaluation.assessment().signals());
        try {
            history.append(new ConnectivityHistory.Entry(evaluation.at(), verdict, lastVerdict, signals));
        } catch (UncheckedIOException e) {
            log.error("event=network.history_failed file={} reason=\"{}\"", history.file(), e.getMessage());
        }
        Map<String, Object> details = details();
        details.put("verdict", verdict);
        details.put("previous", lastVerdict);
        lastVerdictSince.ifPresent(since -> details.put("previousSince", since.toString()));
        details.put("signals", signals);
        context.events().record("network.verdict_changed", verdict.equals("internet") ? EventSeverity.MEDIUM : EventSeverity.INFO, details);
        log.info("event=network.verdict_changed verdict={} previous={} signals={}", verdict, lastVerdict, signals.size());
        lastVerdict = verdict;
        lastVerdictSince = Optional.of(evaluation.at());
    }

    private void reportViolations(Assessment assessment, SecretDraftingPolicy policy) {
        List<String> violations = capped(assessment.violations());
        if (violations.equals(lastViolations)) {
            return;
        }
        Map<String, Object> details = details();
        details.put("verdict", assessment.verdictWord());
        details.put("signals", capped(assessment.signals()));
        if (violations.isEmpty()) {
            context.events().record("network.violation_cleared", EventSeverity.INFO, details);
        } else {
            details.put("violations", violations);
            details.put("action", policy.internetAction().word());
            details.put("enforcement", context.enforcement().word());
            context.events().record("network.violation", EventSeverity.CRITICAL, details);
            log.warn("event=network.violation role={} verdict={} violations={} action={}", context.role(), assessment.verdictWord(),
                    violations.size(), policy.internetAction().word());
        }
        lastViolations = violations;
    }

    private boolean isolate(Assessment assessment, SecretDraftingPolicy policy) {
        if (policy.internetAction() != SecretDraftingPolicy.InternetAction.ISOLATE || assessment.offending().isEmpty()) {
            lastSteps = List.of();
            return false;
        }
        List<Isolation.Step> steps = isolation.apply(assessment);
        if (!steps.equals(lastSteps)) {
            Map<String, Object> details = details();
            details.put("enforcement", context.enforcement().word());
            details.put("interfaces", steps.stream().limit(MAX_LISTED).map(ConnectivityMonitor::step).toList());
            context.events().record("network.isolated", EventSeverity.HIGH, details);
            steps.forEach(step -> log.warn("event=network.isolation device={} outcome={} detail=\"{}\"", step.device(), step.outcome(),
                    step.detail()));
        }
        lastSteps = steps;
        return steps.stream().anyMatch(step -> step.outcome().equals("brought-down"));
    }

    private Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", context.role());
        return details;
    }

    private static Map<String, Object> step(Isolation.Step step) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("interface", step.device());
        details.put("outcome", step.outcome());
        details.put("reasons", capped(step.reasons()));
        details.put("detail", shorten(step.detail()));
        return details;
    }

    private void logProblems(List<NetworkState.Problem> problems) {
        if (!problems.equals(lastProblems)) {
            problems.stream().limit(MAX_LISTED).forEach(problem ->
                    log.warn("event=network.read_problem path={} problem=\"{}\"", problem.path(), problem.message()));
            lastProblems = problems;
        }
    }

    /** At most {@value #MAX_LISTED} entries of at most {@value #MAX_TEXT} characters, saying how many were left out. */
    static List<String> capped(List<String> texts) {
        List<String> kept = new ArrayList<>(texts.stream().limit(MAX_LISTED).map(ConnectivityMonitor::shorten).toList());
        if (texts.size() > MAX_LISTED) {
            kept.add("… and " + (texts.size() - MAX_LISTED) + " more");
        }
        return kept;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static Optional<ConnectivityHistory.Entry> lastRecorded(ConnectivityHistory history) {
        try {
            return history.last();
        } catch (UncheckedIOException e) {
            log.warn("event=network.history_unreadable file={} reason=\"{}\"", history.file(), e.getMessage());
            return Optional.empty();
        }
    }
}
