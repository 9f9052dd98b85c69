package vn.canhgac.server.soc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code socExport} section of server.yaml: no destination unless one is configured. */
public record SocExportConfig(List<SocDestination> destinations) {
    public SocExportConfig {
        destinations = List.copyOf(destinations);
        Set<String> names = new HashSet<>();
        for (SocDestination destination : destinations) {
            if (!names.add(destination.name())) {
                throw new IllegalArgumentException("destination name \"" + destination.name() + "\" is used twice;"
                        + " each destination keeps its own cursor under its name, so names must be unique");
            }
        }
    }

    public static SocExportConfig none() {
        return new SocExportConfig(List.of());
    }
}
