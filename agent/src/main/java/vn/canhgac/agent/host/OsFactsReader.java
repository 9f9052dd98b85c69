package vn.canhgac.agent.host;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link OsFacts} from a {@link HostRoot}. Never throws for a missing or unreadable file:
 * each fact it cannot learn is {@link OsFacts#UNKNOWN}, because a machine with a stripped
 * /etc must still enrol and report.
 *
 * <p>On Windows the same facts come from the registry (ComputerName, ProductName,
 * CurrentBuild, MachineGuid); that reader would sit beside this one behind the same record.
 */
public final class OsFactsReader {

    private static final Logger log = LoggerFactory.getLogger(OsFactsReader.class);

    /** Single-value files (hostname, kernel release, machine id) are a line; 4 KiB is ample. */
    static final int MAX_SMALL_FILE_BYTES = 4 * 1024;
    /** os-release is a few hundred bytes on every distribution; anything bigger is not one. */
    static final int MAX_OS_RELEASE_BYTES = 64 * 1024;

    private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern OS_RELEASE_KEY = Pattern.compile("[A-Za-z0-9_]+");

    private final HostRoot root;

    public OsFactsReader(HostRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public OsFacts read() {
        Map<String, String> osRelease = osRelease();
        String version = nonBlank(osRelease.get("VERSION_ID"))
                .or(() -> nonBlank(osRelease.get("VERSION")))
                .orElse(OsFacts.UNKNOWN);
        return new OsFacts(
                firstLine("/proc/sys/kernel/hostname", "/etc/hostname").orElse(OsFacts.UNKNOWN),
                nonBlank(osRelease.get("NAME")).orElse(OsFacts.UNKNOWN),
                version,
                firstLine("/proc/sys/kernel/osrelease").orElse(OsFacts.UNKNOWN),
                architecture(),
                machineId());
    }

    private String architecture() {
        if (root.root().getParent() == null) {
            // The agent runs on the machine it describes, so the JVM's view is the machine's.
            return debianArchitecture(System.getProperty("os.arch", ""));
        }
        // A fixture describes some other machine; the JVM running the test knows nothing of it.
        return firstLine("/proc/sys/kernel/arch")
                .map(OsFactsReader::debianArchitecture)
                .orElse(OsFacts.UNKNOWN);
    }

    private String machineId() {
        // systemd's file first; older or non-systemd systems keep only the D-Bus copy.
        Optional<String> id = firstLine("/etc/machine-id", "/var/lib/dbus/machine-id")
                .map(value -> value.toLowerCase(Locale.ROOT));
        if (id.isPresent() && !MACHINE_ID.matcher(id.get()).matches()) {
            // "uninitialized" during first boot, or a damaged file: not an identity to report.
            log.warn("machine id is not 32 hex digits, reporting unknown root={} value={}",
                    root.root(), id.get());
            return OsFacts.UNKNOWN;
        }
        return id.orElse(OsFacts.UNKNOWN);
    }

    /** os-release(5): /etc/os-release, falling back to /usr/lib/os-release as the spec says. */
    private Map<String, String> osRelease() {
        for (String hostPath : List.of("/etc/os-release", "/usr/lib/os-release")) {
            Optional<String> text = read(hostPath, MAX_OS_RELEASE_BYTES);
            if (text.isPresent()) {
                return parseOsRelease(text.get());
            }
        }
        return Map.of();
    }

    /**
     * Parses os-release assignments: {@code KEY=value}, {@code KEY="value"} with the shell
     * escapes \" \\ \$ \` honoured, or {@code KEY='value'}. Comments, blank lines and lines
     * that are not assignments are skipped rather than failing the whole file.
     */
    static Map<String, String> parseOsRelease(String text) {
        Map<String, String> values = new HashMap<>();
        for (String rawLine : text.split("\r?\n")) {
            String line = rawLine.strip();
            int equals = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals);
            if (!OS_RELEASE_KEY.matcher(key).matches()) {
                continue;
            }
            values.put(key, unquote(line.substring(equals + 1)));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            String inner = value.substring(1, value.length() - 1);
            StringBuilder out = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() && "\"\\$`".indexOf(inner.charAt(i + 1)) >= 0) {
                    c = inner.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }

    /** Maps a JVM or kernel machine name to the Debian architecture name packages use. */
    static String debianArchitecture(String machine) {
        String name = machine.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "" -> OsFacts.UNKNOWN;
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "arm", "armv7l", "armv7", "armhf" -> "armhf";
            case "ppc64le", "ppc64el" -> "ppc64el";
            case "loongarch64", "loong64" -> "loong64";
            default -> name;
        };
    }

    /** The first non-blank, non-comment line of the first of these files that exists. */
    private Optional<String> firstLine(String... hostPaths) {
        for (String hostPath : hostPaths) {
            Optional<String> line = read(hostPath, MAX_SMALL_FILE_BYTES).flatMap(text ->
                    text.lines()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .findFirst());
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    private Optional<String> read(String hostPath, int maxBytes) {
        try {
            return root.readString(hostPath, maxBytes);
        } catch (UncheckedIOException e) {
            log.warn("cannot read OS fact, reporting unknown root={} path={} error={}",
                    root.root(), hostPath, e.getCause().toString());
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
