package vn.canhgac.agent.software;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.host.HostRoot;

/**
 * Snaps: each {@code /snap/NAME/current} link names the active revision, whose
 * {@code meta/snap.yaml} gives the version. Snap metadata carries no publisher (snapd keeps it
 * in its assertion database), so snaps have none here. The install time is that of the
 * revision's {@code .snap} file in {@code /var/lib/snapd/snaps}.
 */
final class SnapSource implements PackageSource {

    static final String MOUNTS = "/snap";
    static final String SNAP_FILES = "/var/lib/snapd/snaps";
    static final long MAX_SNAP_YAML_BYTES = 256 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final HostRoot host;

    SnapSource(HostRoot host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "snap";
    }

    @Override
    public SourceInventory read() {
        List<SoftwareItem> items = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        List<String> snaps;
        try {
            snaps = HostFiles.list(host, MOUNTS);
        } catch (IOException e) {
            return SourceInventory.failed(name(), MOUNTS, "cannot list snaps: " + HostFiles.reason(e));
        }
        for (String snap : snaps) {
            String current = MOUNTS + "/" + snap + "/current";
            try {
                Optional<Path> revision = HostFiles.locate(host, current);
                if (revision.isEmpty() || !Files.isDirectory(revision.get())) {
                    continue;
                }
                String revisionName = revision.get().getFileName().toString();
                String yamlPath = host.hostPath(revision.get()) + "/meta/snap.yaml";
                items.add(new SoftwareItem(name(), snap, snap, version(yamlPath, problems), null,
                        installedAt(snap, revisionName), host.hostPath(revision.get())));
            } catch (IOException e) {
                problems.add(new ScanProblem(name(), current, "cannot read snap: " + HostFiles.reason(e)));
            }
        }
        return SourceInventory.of(name(), items, problems);
    }

    /** The version in snap.yaml; null when the snap is not mounted (snapd stopped, or a copied file tree). */
    private String version(String yamlPath, List<ScanProblem> problems) throws IOException {
        Optional<InputStream> in = HostFiles.open(host, yamlPath, MAX_SNAP_YAML_BYTES);
        if (in.isEmpty()) {
            return null;
        }
        try (InputStream stream = in.get()) {
            JsonNode yaml = YAML.readTree(stream);
            JsonNode version = yaml == null ? null : yaml.get("version");
            return version == null || !version.isValueNode() ? null : version.asText();
        } catch (JsonProcessingException e) {
            problems.add(new ScanProblem(name(), yamlPath, "snap.yaml is not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
    }

    private Instant installedAt(String snap, String revision) throws IOException {
        Optional<Path> file = HostFiles.locate(host, SNAP_FILES + "/" + snap + "_" + revision + ".snap");
        return file.isEmpty() ? null : Files.getLastModifiedTime(file.get()).toInstant();
    }
}
