package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lists of known-bad executable hashes (IOC lists, e.g. from VNCERT or the server), loaded as
 * one deny rule each ("ioc:FILE"). One SHA-256 per line, optionally followed by a separator and
 * anything (so {@code sha256sum} output and "hash,label" CSV work as they are); blank lines and
 * lines starting with {@code #} are skipped. A line that is not a hash is a problem naming the
 * file and line; the rest of the list still counts.
 */
public final class IocLists {

    /** Where an agent keeps IOC lists, inside its state directory. */
    public static final String DIRECTORY = "ioc";
    /** A million hashes is about 70 MiB of text; larger is not a list this agent can hold in its small heap. */
    static final long MAX_FILE_BYTES = 80L * 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** Hash (lower-case hex) to the rule that lists it ("ioc:vncert-2026-05.txt"). */
    public record Loaded(Map<String, String> hashes, List<ScanProblem> problems) {
        public static final Loaded NONE = new Loaded(Map.of(), List.of());
    }

    private IocLists() {}

    /** The regular files in {@code directory}, sorted, leaving out hidden ones; none if it does not exist. */
    static List<Path> inDirectory(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                    files.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        return files;
    }

    /** Loads every list named: a file is one list, a directory (such as the state directory's {@value #DIRECTORY}) holds lists. */
    public static Loaded load(List<Path> paths) {
        Map<String, String> hashes = new HashMap<>();
        List<ScanProblem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try {
                files.addAll(Files.isDirectory(path) ? inDirectory(path) : List.of(path));
            } catch (IOException e) {
                problems.add(new ScanProblem("ioc", path.toString(), "cannot list IOC lists: " + HostFiles.reason(e)));
            }
        }
        for (Path file : files) {
            String rule = "ioc:" + file.getFileName();
            try (InputStream in = HostFiles.limit(Files.newInputStream(file), MAX_FILE_BYTES, "IOC list " + file)) {
                LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
                String line;
                while ((line = lines.readLine()) != null) {
                    String text = line.strip();
                    if (text.isEmpty() || text.startsWith("#")) {
                        continue;
                    }
                    String first = text.split("[\\s,;]", 2)[0];
                    if (!SHA256.matcher(first).matches()) {
                        problems.add(new ScanProblem("ioc", file.toString(), "line " + lines.lineNumber()
                                + " does not start with a SHA-256 (64 hex digits); line skipped"));
                        continue;
                    }
                    hashes.putIfAbsent(first.toLowerCase(Locale.ROOT), rule);
                }
            } catch (IOException e) {
                problems.add(new ScanProblem("ioc", file.toString(), "cannot read IOC list: " + HostFiles.reason(e)));
            }
        }
        return new Loaded(Map.copyOf(hashes), problems);
    }
}
