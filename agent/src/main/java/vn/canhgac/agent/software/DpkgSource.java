package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.canhgac.agent.host.HostRoot;

/**
 * Debian packages from {@code /var/lib/dpkg/status}, the database dpkg itself keeps. A package
 * counts as installed when its files are on disk (status installed, unpacked, half-configured,
 * half-installed, triggers-*); "config-files" (removed, configuration kept) and "not-installed"
 * do not. Names are written the way {@code dpkg-query -W} writes them: "libc6:amd64" for
 * Multi-Arch: same packages and for packages of a foreign architecture.
 *
 * <p>dpkg does not record install times; the modification time of the package's file list in
 * {@code /var/lib/dpkg/info} (written at each install or upgrade) is the usual stand-in.
 *
 * <p>A stanza that cannot be understood is skipped with a problem naming its line; a file with
 * binary data, a line longer than {@value #MAX_LINE_CHARS} characters, or one that ends in the
 * middle of a line (truncated) is reported and the inventory marked incomplete. The parse is
 * cached while the file's size, time and inode stay the same.
 */
final class DpkgSource implements PackageSource {

    static final String STATUS = "/var/lib/dpkg/status";
    static final String INFO = "/var/lib/dpkg/info";
    /** The status file of a large server is a few tens of MiB; 64 MiB is well beyond any real one. */
    static final long MAX_STATUS_BYTES = 64L * 1024 * 1024;
    static final int MAX_LINE_CHARS = 64 * 1024;

    private static final Set<String> ON_DISK = Set.of("installed", "unpacked", "half-configured", "half-installed",
            "triggers-awaited", "triggers-pending");
    private static final Set<String> NOT_ON_DISK = Set.of("not-installed", "config-files");
    /** dpkg's own rule for package names; it also keeps a hostile name from walking out of the info directory. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final HostRoot host;
    private final long maxBytes;
    private FileStamp cachedStamp;
    private SourceInventory cached;

    DpkgSource(HostRoot host) {
        this(host, MAX_STATUS_BYTES);
    }

    DpkgSource(HostRoot host, long maxBytes) {
        this.host = host;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public SourceInventory read() {
        try {
            Optional<Path> file = HostFiles.locate(host, STATUS);
            if (file.isEmpty()) {
                return SourceInventory.absent(name());
            }
            FileStamp stamp = FileStamp.of(file.get());
            if (stamp.equals(cachedStamp)) {
                return cached;
            }
            SourceInventory inventory;
            try (InputStream in = HostFiles.limit(Files.newInputStream(file.get()), maxBytes, STATUS)) {
                inventory = parse(in);
            }
            cachedStamp = stamp;
            cached = inventory;
            return inventory;
        } catch (IOException e) {
            return SourceInventory.failed(name(), STATUS, "cannot read the dpkg status file: " + HostFiles.reason(e)
                    + " (check that the agent can read it; dpkg packages are not listed until it can)");
        }
    }

    private SourceInventory parse(InputStream in) throws IOException {
        List<Stanza> stanzas = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE_CHARS);
        Stanza current = null;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.indexOf('\0') >= 0) {
                    problems.add(problem("line " + lines.lineNumber() + " holds binary data; this is not a dpkg status file"
                            + " (restore it from /var/backups/dpkg.status.*)"));
                    current = null;
                    break;
                }
                if (line.isBlank()) {
                    finish(current, stanzas, problems);
                    current = null;
                    continue;
                }
                if (current == null) {
                    current = new Stanza(lines.lineNumber());
                }
                current.add(line, lines.lineNumber());
            }
        } catch (LineReader.LineTooLongException e) {
            problems.add(problem(e.getMessage() + "; this is not a dpkg status file"));
            current = null;
        }
        if (current != null && !lines.lastLineTerminated()) {
            // dpkg ends every line; a cut line means a cut file, and the stanza it cuts is left out.
            problems.add(problem("ends in the middle of line " + lines.lineNumber() + " (package "
                    + (current.packageName == null ? "unknown" : Text.clean(current.packageName, 100))
                    + "); the file looks truncated and that package is left out"));
        } else {
            finish(current, stanzas, problems);
        }
        return SourceInventory.of(name(), items(stanzas), problems);
    }

    private void finish(Stanza stanza, List<Stanza> stanzas, List<ScanProblem> problems) {
        if (stanza == null) {
            return;
        }
        String fault = stanza.fault();
        if (fault == null) {
            if (stanza.onDisk()) {
                stanzas.add(stanza);
            }
            return;
        }
        problems.add(problem("stanza at line " + stanza.firstLine + " (package "
                + (stanza.packageName == null ? "unknown" : Text.clean(stanza.packageName, 100)) + ") skipped: " + fault));
    }

    private List<SoftwareItem> items(List<Stanza> stanzas) {
        // dpkg's native architecture is the architecture of the dpkg package itself.
        String nativeArchitecture = stanzas.stream().filter(s -> s.packageName.equals("dpkg")).map(s -> s.architecture)
                .findFirst().orElse(null);
        Optional<Path> info = Optional.empty();
        try {
            info = HostFiles.locate(host, INFO);
        } catch (IOException e) {
            // Install times are a nicety; the inventory stands without them.
        }
        List<SoftwareItem> items = new ArrayList<>(stanzas.size());
        for (Stanza stanza : stanzas) {
            boolean multiArchSame = "same".equals(stanza.multiArch);
            boolean foreign = nativeArchitecture != null && stanza.architecture != null && !stanza.architecture.equals("all")
                    && !stanza.architecture.equals(nativeArchitecture);
            String name = multiArchSame || foreign ? stanza.packageName + ":" + stanza.architecture : stanza.packageName;
            String infoName = multiArchSame ? stanza.packageName + ":" + stanza.architecture : stanza.packageName;
            items.add(new SoftwareItem(name(), name, name, stanza.version, stanza.maintainer,
                    info.map(directory -> listModified(directory, infoName)).orElse(null), null));
        }
        return items;
    }

    private static Instant listModified(Path infoDirectory, String infoName) {
        try {
            // NOFOLLOW: a link planted in the info directory must not lead the read out of the root.
            return Files.getLastModifiedTime(infoDirectory.resolve(infoName + ".list"), LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private ScanProblem problem(String message) {
        return new ScanProblem(name(), STATUS, message);
    }

    /** The fields of one paragraph that the inventory needs; the rest (Description, Depends, …) are passed over. */
    private static final class Stanza {
        final int firstLine;
        String packageName;
        String status;
        String version;
        String architecture;
        String multiArch;
        String maintainer;
        boolean sawField;
        String lineFault;

        Stanza(int firstLine) {
            this.firstLine = firstLine;
        }

        void add(String line, int number) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (!sawField && lineFault == null) {
                    lineFault = "line " + number + " continues a field that was never started";
                }
                return;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                if (lineFault == null) {
                    lineFault = "line " + number + " is not a \"Field: value\" line";
                }
                return;
            }
            sawField = true;
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon)) {
                case "Package" -> packageName = value;
                case "Status" -> status = value;
                case "Version" -> version = value;
                case "Architecture" -> architecture = value;
                case "Multi-Arch" -> multiArch = value;
                case "Maintainer" -> maintainer = value;
                default -> { }
            }
        }

        /** Why this stanza cannot be used, or null. */
        String fault() {
            if (lineFault != null) {
                return lineFault;
            }
            if (packageName == null) {
                return "no Package field";
            }
            if (!PACKAGE_NAME.matcher(packageName).matches()) {
                return "\"" + Text.clean(packageName, 100) + "\" is not a valid package name";
            }
            if (architecture != null && !ARCHITECTURE.matcher(architecture).matches()) {
                return "\"" + Text.clean(architecture, 100) + "\" is not a valid architecture";
            }
            if (status == null) {
                return "no Status field";
            }
            String[] words = status.split("\\s+");
            if (words.length != 3 || !(ON_DISK.contains(words[2]) || NOT_ON_DISK.contains(words[2]))) {
                return "Status \"" + Text.clean(status, 100) + "\" is not \"want flag state\" with a known state";
            }
            if (ON_DISK.contains(words[2]) && (version == null || version.isEmpty())) {
                return "an installed package without a Version field";
            }
            return null;
        }

        boolean onDisk() {
            return ON_DISK.contains(status.split("\\s+")[2]);
        }
    }
}
