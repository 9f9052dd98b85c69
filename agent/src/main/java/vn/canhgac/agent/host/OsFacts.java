package vn.canhgac.agent.host;

import java.util.Objects;

/**
 * What the agent reports about the machine it runs on. A fact the machine does not reveal is
 * {@link #UNKNOWN}, never null, so every consumer can print it as is.
 *
 * @param architecture the Debian architecture name ("amd64", "arm64", ...)
 * @param machineId the systemd/D-Bus machine id (on Windows this would be the MachineGuid)
 */
public record OsFacts(
        String hostname,
        String osName,
        String osVersion,
        String kernel,
        String architecture,
        String machineId) {

    public static final String UNKNOWN = "unknown";

    public OsFacts {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(machineId, "machineId");
    }
}
