package vn.canhgac.agent.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.canhgac.agent.config.Enforcement;

/**
 * Carries out {@code internetAction: isolate}: brings down every interface that carries a
 * violation, except the link to the management server when that server is on an internal
 * network (so the agent can still report what it did). In report-only mode nothing is changed
 * and each step says what would have been done.
 */
public final class Isolation {

    /**
     * What happened to one interface.
     *
     * @param outcome "brought-down", "failed", "kept" (the management link) or "would-bring-down" (report-only)
     * @param reasons the violations the interface carries
     */
    public record Step(String device, String outcome, List<String> reasons, String detail) {

        public Step {
            reasons = List.copyOf(reasons);
        }
    }

    private final LinkController links;
    private final Enforcement enforcement;

    public Isolation(LinkController links, Enforcement enforcement) {
        this.links = links;
        this.enforcement = enforcement;
    }

    public List<Step> apply(Assessment assessment) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : assessment.offending().entrySet()) {
            String device = entry.getKey();
            if (assessment.managementLink().filter(link -> link.device().equals(device)).isPresent()) {
                steps.add(new Step(device, "kept", entry.getValue(), "kept up: it " + assessment.managementLink().get().reason()
                        + "; remove its other routes at the machine"));
            } else if (enforcement == Enforcement.REPORT_ONLY) {
                steps.add(new Step(device, "would-bring-down", entry.getValue(), "report-only: ip link set dev " + device + " down"));
            } else {
                LinkController.Outcome outcome = links.bringDown(device);
                steps.add(new Step(device, outcome.done() ? "brought-down" : "failed", entry.getValue(), outcome.detail()));
            }
        }
        return steps;
    }
}
