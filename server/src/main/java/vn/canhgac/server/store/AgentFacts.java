package vn.canhgac.server.store;

import java.util.Objects;

/** What an agent reports about its machine in its hello. */
public record AgentFacts(String hostname, String osName, String osVersion, String kernel, String architecture,
                         String agentVersion) {
    public AgentFacts {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(agentVersion, "agentVersion");
    }
}
