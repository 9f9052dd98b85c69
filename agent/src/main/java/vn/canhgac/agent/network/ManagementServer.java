package vn.canhgac.agent.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.protocol.Errors;

/**
 * The management server this agent reports to. It counts as internal, and {@code isolate}
 * keeps the link that reaches it, so the agent can still say what it did. The address comes
 * from the enrolment in the state directory; a host name is resolved at each evaluation (the
 * JDK caches the answer), so a renumbered server is followed.
 */
final class ManagementServer {

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
    static final ManagementServer NONE = new ManagementServer(Optional.empty());

    private final Optional<String> host;

    private ManagementServer(Optional<String> host) {
        this.host = host;
    }

    /** The server of the agent enrolled in {@code stateDirectory}; none when it is not enrolled or its enrolment is unreadable. */
    static ManagementServer enrolledIn(Optional<Path> stateDirectory) {
        if (stateDirectory.isEmpty()) {
            return NONE;
        }
        try {
            return new ManagementServer(AgentIdentity.channelIn(stateDirectory.get()).map(InetSocketAddress::getHostString));
        } catch (RuntimeException e) {
            log.warn("event=network.management_unknown state_dir={} reason=\"{}\"", stateDirectory.get(), Errors.rootMessage(e));
            return NONE;
        }
    }

    static ManagementServer at(String host) {
        return new ManagementServer(Optional.of(host));
    }

    /** Empty when there is no server, or its name does not resolve now (then it is simply not recognised as internal). */
    List<InetAddress> addresses() {
        if (host.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(InetAddress.getAllByName(host.get()));
        } catch (UnknownHostException e) {
            log.info("event=network.management_unresolved host={}", host.get());
            return List.of();
        }
    }
}
