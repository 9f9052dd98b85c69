package vn.canhgac.agent.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import vn.canhgac.agent.audit.Finding;

/**
 * The {@code "type": "connectivity"} line of an audit.
 *
 * @param verdict        offline, internal or internet
 * @param signals        what the verdict rests on
 * @param violation      whether the machine breaks the secret-drafting rule (only a secret workstation can)
 * @param action         what the running agent does about a violation: alert or isolate; "none" for other roles
 * @param managementLink the interface that reaches the management server on an internal network (kept by isolate), or ""
 * @param history        the verdict changes the agent recorded on this machine, oldest first
 * @param historyNote    where the history came from, or why there is none
 */
public record ConnectivityFinding(String verdict, List<String> signals, String role, boolean violation, List<String> violations,
                                  String action, List<NetInterface> interfaces, List<String> routes, List<String> dnsServers,
                                  List<ProbeResult> probes, String managementLink, List<ConnectivityHistory.Entry> history,
                                  String historyNote) implements Finding {

    @Override
    public String type() {
        return "connectivity";
    }

    @Override
    @JsonIgnore
    public String summary() {
        String judged = violation
                ? "VIOLATION for " + role + " (action " + action + "): " + String.join("; ", violations)
                : signals.isEmpty() ? "no signals" : String.join("; ", signals);
        return "CONNECTIVITY " + verdict + ": " + judged + " | history: " + historyNote;
    }
}
