package vn.canhgac.agent.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.policy.Policy;

/**
 * What an audit runs against.
 *
 * @param documentsOnly a host-side directory to scan instead of the policy's document roots ({@code --documents DIR})
 * @param connectivity  filled by the connectivity source, which runs before the sources that depend on it
 * @param iocLists      files of known-bad executable hashes to check running programs against ({@code --ioc-list FILE})
 */
public record AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                           ConnectivityBoard connectivity, List<Path> iocLists) {

    public AuditContext {
        iocLists = List.copyOf(iocLists);
    }

    /** Without IOC lists. */
    public AuditContext(HostRoot hostRoot, Policy policy, String role, Optional<Path> documentsOnly, Clock clock,
                        ConnectivityBoard connectivity) {
        this(hostRoot, policy, role, documentsOnly, clock, connectivity, List.of());
    }
}
