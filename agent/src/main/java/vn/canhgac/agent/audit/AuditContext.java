package vn.canhgac.agent.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;

/**
 * What an audit runs against.
 *
 * @param documentsOnly a host-side directory to scan instead of the policy's document roots ({@code --documents DIR})
 * @param connectivity  filled by the connectivity source, which runs before the sources that depend on it
 * @param stateDirectory an enrolled agent's state directory on this machine ({@code --state-dir}), for what it keeps
 *                      across runs (the connectivity history, the management server's address); empty when there is none
 * @param iocLists      known-bad executable hash lists, files or directories of them ({@code --ioc-list FILE}, the state directory's ioc/)
 */
public record AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                           ConnectivityBoard connectivity, Optional<Path> stateDirectory, List<Path> iocLists) {

    public AuditContext {
        iocLists = List.copyOf(iocLists);
    }

    /** An audit with no agent state to consult and no IOC lists. */
    public AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                        ConnectivityBoard connectivity) {
        this(hostRoot, policy, role, documentsOnly, clock, connectivity, Optional.empty(), List.of());
    }
}
