package vn.canhgac.agent.software;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.agent.host.HostRoot;

/**
 * RPM packages, through the machine's own {@code rpm} tool ({@code rpm -qa --root HOST_ROOT}):
 * the rpm database is a Berkeley DB, NDB or SQLite file depending on the distribution, and only
 * rpm reads all three. Without the tool the packages are not listed and the inventory says so.
 * The tool's answer is cached while the database files are unchanged; it runs with a time limit
 * and its output is capped.
 */
final class RpmSource implements PackageSource {

    /** Where distributions keep the database: Fedora/RHEL 9+ and openSUSE moved it under /usr. */
    static final List<String> DATABASES = List.of("/usr/lib/sysimage/rpm", "/var/lib/rpm");
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final long MAX_OUTPUT_BYTES = 32L * 1024 * 1024;
    /** name, epoch:version-release, architecture, vendor, install time (seconds), tab-separated. */
    static final String QUERY_FORMAT = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{INSTALLTIME}\\n";

    private final HostRoot host;
    private final Optional<Path> tool;
    private List<FileStamp> cachedStamps;
    private SourceInventory cached;

    RpmSource(HostRoot host, Optional<Path> tool) {
        this.host = host;
        this.tool = tool;
    }

    /** The {@code rpm} executable on the agent's PATH, if any. */
    static Optional<Path> findTool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, "rpm");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public SourceInventory read() {
        String database = null;
        List<FileStamp> stamps;
        try {
            for (String candidate : DATABASES) {
                if (!HostFiles.list(host, candidate).isEmpty()) {
                    database = candidate;
                    break;
                }
            }
            if (database == null) {
                return SourceInventory.absent(name());
            }
            stamps = stamps(database);
        } catch (IOException e) {
            return SourceInventory.failed(name(), DATABASES.getFirst(), "cannot look for the rpm database: " + HostFiles.reason(e));
        }
        if (tool.isEmpty()) {
            return SourceInventory.failed(name(), database, "an rpm database is here but the rpm tool is not installed"
                    + " on the agent's PATH; install rpm to list these packages");
        }
        if (stamps.equals(cachedStamps)) {
            return cached;
        }
        SourceInventory inventory = query(database);
        if (inventory.complete()) {
            cachedStamps = stamps;
            cached = inventory;
        }
        return inventory;
    }

    private List<FileStamp> stamps(String database) throws IOException {
        List<FileStamp> stamps = new ArrayList<>();
        for (String file : HostFiles.list(host, database)) {
            Optional<Path> located = HostFiles.locate(host, HostFiles.child(database, file));
            if (located.isPresent()) {
                stamps.add(FileStamp.of(located.get()));
            }
        }
        return stamps;
    }

    private SourceInventory query(String database) {
        List<String> command = List.of(tool.get().toString(), "--root", host.root().toString(), "--dbpath", database,
                "-qa", "--qf", QUERY_FORMAT);
        try (ToolRun run = ToolRun.run(command, TIMEOUT)) {
            if (run.exitCode() != 0) {
                return SourceInventory.failed(name(), database, "rpm -qa failed with exit status " + run.exitCode() + ": " + run.errors());
            }
            try (InputStream in = run.output(MAX_OUTPUT_BYTES, "rpm -qa output")) {
                return parse(in, database);
            }
        } catch (IOException e) {
            return SourceInventory.failed(name(), database, "cannot list rpm packages with " + tool.get() + ": " + HostFiles.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SourceInventory.failed(name(), database, "interrupted while rpm -qa ran");
        }
    }

    private SourceInventory parse(InputStream in, String database) throws IOException {
        List<SoftwareItem> items = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16 * 1024);
        String line;
        while ((line = lines.readLine()) != null) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 5 || fields[0].isEmpty()) {
                problems.add(new ScanProblem(name(), database, "rpm -qa output line " + lines.lineNumber() + " does not have 5 fields"));
                continue;
            }
            String architecture = none(fields[2]);
            String id = architecture == null ? fields[0] : fields[0] + "." + architecture;
            // Kernels and other install-only packages are installed in several versions at once.
            if (seen.merge(id, 1, Integer::sum) > 1) {
                id = id + "#" + fields[1];
            }
            items.add(new SoftwareItem(name(), id, fields[0], fields[1], none(fields[3]), installTime(fields[4]), null));
        }
        return SourceInventory.of(name(), items, problems);
    }

    private static String none(String field) {
        return field.isEmpty() || field.equals("(none)") ? null : field;
    }

    private static Instant installTime(String seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
