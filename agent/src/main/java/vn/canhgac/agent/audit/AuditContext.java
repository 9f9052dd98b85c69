package vn.canhgac.agent.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.policy.Policy;

/**
 * What an audit runs against.
 *
 * @param documentsOnly a host-side directory to scan instead of the policy's document roots ({@code --documents DIR})
 * @param connectivity  filled by the connectivity source, which runs before the sources that depend on it
 * @param stateDirectory an enrolled agent's state directory on this machine ({@code --state-dir}), for what it keeps
 *                      across runs (the connectivity history, the management server's address); empty when there is none
 */
public record AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                           ConnectivityBoard connectivity, Optional<Path> stateDirectory) {

    /** An audit with no agent state to consult. */
    public AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                        ConnectivityBoard connectivity) {
        this(hostRoot, policy, role, documentsOnly, clock, connectivity, Optional.empty());
    }
}
