package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import vn.canhgac.agent.host.HostRoot;

/**
 * Running processes from {@code HOST_ROOT/proc}: pid, user, command line, executable and its
 * SHA-256. Portable programs that were never installed (an AppImage, a binary run from
 * Downloads) show up here and nowhere else.
 *
 * <p>The executable: on a real procfs, {@code /proc/PID/exe} is opened itself. The kernel then
 * hands over the very file the process runs, even when it was deleted after start or lives in
 * another mount namespace (a container), where following the link's text would read the wrong
 * file. On a fixture tree the link is an ordinary symbolic link and is followed inside the root
 * with {@link HostRoot#resolveLink}. Either way the path reported is the link's text, the
 * process's own view.
 *
 * <p>Kernel threads (empty command line) are passed over. A process that exits while it is read,
 * an executable link the agent may not read (another user's process, without root) and an
 * executable that cannot be hashed are problems; the process is still listed with what was read.
 */
final class ProcessScanner {

    static final int MAX_CMDLINE_BYTES = 32 * 1024;
    static final int MAX_STATUS_BYTES = 16 * 1024;
    static final int MAX_PASSWD_BYTES = 4 * 1024 * 1024;
    static final int MAX_COMMAND_LINE_CHARS = 2048;
    private static final String SOURCE = "process";

    private final HostRoot host;
    private final ExecutableHashes hashes = new ExecutableHashes();
    private Boolean realProcfs;

    ProcessScanner(HostRoot host) {
        this.host = host;
    }

    ProcessScan scan() {
        List<RunningProgram> programs = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        List<String> entries;
        try {
            entries = HostFiles.list(host, "/proc");
        } catch (IOException e) {
            return new ProcessScan(List.of(), List.of(new ScanProblem(SOURCE, "/proc", "cannot list processes: " + HostFiles.reason(e))));
        }
        Map<Long, String> users = users(problems);
        for (String entry : entries) {
            if (!isPid(entry)) {
                continue;
            }
            long pid = Long.parseLong(entry);
            try {
                read(pid, users, problems).ifPresent(programs::add);
            } catch (IOException | UncheckedIOException e) {
                problems.add(new ScanProblem(SOURCE, "/proc/" + pid, "cannot read process " + pid + ": "
                        + HostFiles.reason(e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e)));
            }
        }
        return new ProcessScan(programs, problems);
    }

    private Optional<RunningProgram> read(long pid, Map<Long, String> users, List<ScanProblem> problems) throws IOException {
        String base = "/proc/" + pid;
        Optional<String> cmdline = host.readString(base + "/cmdline", MAX_CMDLINE_BYTES);
        if (cmdline.isPresent() && cmdline.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> status = host.readString(base + "/status", MAX_STATUS_BYTES);
        Optional<String> stat = host.readString(base + "/stat", MAX_STATUS_BYTES);
        if (cmdline.isEmpty() || status.isEmpty() || stat.isEmpty()) {
            problems.add(new ScanProblem(SOURCE, base, "process " + pid + " exited while it was being read"));
            return Optional.empty();
        }
        String[] args = cmdline.get().split("\0");
        String comm = field(status.get(), "Name");
        String user = user(field(status.get(), "Uid"), users);
        Executable exe = executable(base, pid, user, problems);
        Set<String> names = new LinkedHashSet<>();
        if (exe.path != null) {
            names.add(Text.clean(Text.baseName(exe.path.replace(" (deleted)", "")), SoftwareItem.MAX_NAME));
        }
        if (args.length > 0 && !args[0].isBlank()) {
            names.add(Text.clean(Text.baseName(args[0]), SoftwareItem.MAX_NAME));
        }
        if (comm != null && !comm.isBlank()) {
            names.add(Text.clean(comm, SoftwareItem.MAX_NAME));
        }
        names.remove("");
        if (names.isEmpty()) {
            names.add("pid " + pid);
        }
        return Optional.of(new RunningProgram(pid, startTicks(stat.get()), user, List.copyOf(names),
                Text.clean(String.join(" ", args), MAX_COMMAND_LINE_CHARS), Text.cleanOrNull(exe.path, SoftwareItem.MAX_PATH),
                exe.sha256));
    }

    private record Executable(String path, String sha256) {}

    private Executable executable(String base, long pid, String user, List<ScanProblem> problems) {
        String link = base + "/exe";
        String text;
        try {
            text = Files.readSymbolicLink(host.resolve(link)).toString();
        } catch (NoSuchFileException e) {
            // A process that has exited, or a zombie: nothing to hash.
            return new Executable(null, null);
        } catch (IOException e) {
            problems.add(new ScanProblem(SOURCE, link, "cannot read the executable of process " + pid + " (user " + user + "): "
                    + HostFiles.reason(e) + "; reading every executable needs root (and CAP_SYS_PTRACE in a container)"));
            return new Executable(null, null);
        }
        Path file;
        String path = text;
        if (realProcfs()) {
            file = host.resolve(link);
        } else {
            try {
                Optional<Path> resolved = HostFiles.locate(host, link);
                if (resolved.isEmpty()) {
                    problems.add(new ScanProblem(SOURCE, text, "the executable of process " + pid + " is gone from disk; it was not hashed"));
                    return new Executable(text, null);
                }
                file = resolved.get();
                path = host.hostPath(file);
            } catch (IOException e) {
                problems.add(new ScanProblem(SOURCE, text, "cannot reach the executable of process " + pid + ": " + HostFiles.reason(e)));
                return new Executable(text, null);
            }
        }
        try {
            return new Executable(path, hashes.sha256(path, file));
        } catch (NoSuchFileException e) {
            return new Executable(path, null);
        } catch (IOException e) {
            problems.add(new ScanProblem(SOURCE, path, "cannot hash the executable of process " + pid + ": " + HostFiles.reason(e)));
            return new Executable(path, null);
        }
    }

    /** Whether HOST_ROOT/proc is the kernel's procfs (the live machine) rather than a fixture tree. */
    private boolean realProcfs() {
        if (realProcfs == null) {
            try {
                realProcfs = Files.getFileStore(host.resolve("/proc")).type().equals("proc");
            } catch (IOException e) {
                realProcfs = false;
            }
        }
        return realProcfs;
    }

    private Map<Long, String> users(List<ScanProblem> problems) {
        Map<Long, String> users = new HashMap<>();
        try {
            Optional<String> passwd = host.readString("/etc/passwd", MAX_PASSWD_BYTES);
            for (String line : passwd.orElse("").split("\n")) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && isPid(fields[2])) {
                    users.putIfAbsent(Long.parseLong(fields[2]), Text.clean(fields[0], 64));
                }
            }
        } catch (UncheckedIOException e) {
            problems.add(new ScanProblem(SOURCE, "/etc/passwd", "cannot read user names; processes show user ids: "
                    + HostFiles.reason(e.getCause())));
        }
        return users;
    }

    private static String user(String uidField, Map<Long, String> users) {
        if (uidField == null) {
            return null;
        }
        String real = uidField.split("\\s+")[0];
        if (!isPid(real)) {
            return null;
        }
        return users.getOrDefault(Long.parseLong(real), real);
    }

    /** A "Key:\tvalue" line of /proc/PID/status. */
    private static String field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }

    /** The start time of a process now, to tell it from a later process with the same pid; empty if it is gone. */
    static OptionalLong startTicks(HostRoot host, long pid) {
        try {
            Optional<String> stat = host.readString("/proc/" + pid + "/stat", MAX_STATUS_BYTES);
            return stat.isEmpty() ? OptionalLong.empty() : OptionalLong.of(startTicks(stat.get()));
        } catch (UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    /** Field 22 of /proc/PID/stat, counted after the command name in parentheses (which may itself hold spaces). */
    private static long startTicks(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 1).strip().split("\\s+");
        // fields[0] is field 3 (state), so field 22 is fields[19].
        if (close < 0 || fields.length < 20 || !isPid(fields[19])) {
            return -1;
        }
        return Long.parseLong(fields[19]);
    }

    private static boolean isPid(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
