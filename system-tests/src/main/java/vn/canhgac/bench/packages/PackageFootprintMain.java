package vn.canhgac.bench.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code canhgac-package-footprint DIST_DIR [IDLE_SECONDS] [SOURCE_TREE_LAUNCHER]}: the figures for
 * the packages in DIST_DIR (installer/target/dist): each .deb's size and installed size, and the
 * agent's resident memory when it runs from the package's own runtime, enrolled and connected to
 * the packaged server on 127.0.0.1 and idle for IDLE_SECONDS (default 60). With a third argument
 * (e.g. bin/canhgac-agent) the same agent is measured through that launcher too, for comparison.
 * The packages are unpacked with dpkg-deb into a temporary directory; nothing is installed.
 */
public final class PackageFootprintMain {

    private static final Duration STEP_LIMIT = Duration.ofMinutes(2);
    private static final Pattern STATUS_KIB = Pattern.compile("(?m)^(VmRSS|VmHWM):\\s+(\\d+) kB$");

    private final Path work;
    private final Path server;

    private PackageFootprintMain(Path work) {
        this.work = work;
        this.server = work.resolve("root/usr/lib/canhgac-server/bin");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: canhgac-package-footprint DIST_DIR [IDLE_SECONDS] [SOURCE_TREE_LAUNCHER]");
            System.exit(2);
        }
        Path dist = Path.of(args[0]);
        Duration idle = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        List<Path> debs = debs(dist);
        PackageFootprintMain bench = new PackageFootprintMain(Files.createTempDirectory("canhgac-package-footprint-"));
        System.out.printf(Locale.ROOT, "%-45s %12s %14s%n", "package", "size", "installed");
        for (Path deb : debs) {
            long installedKib = Long.parseLong(run(List.of("dpkg-deb", "-f", deb.toString(), "Installed-Size"), Map.of()).strip());
            System.out.printf(Locale.ROOT, "%-45s %8.1f MiB %10.1f MiB%n", deb.getFileName(), Files.size(deb) / 1048576.0,
                    installedKib / 1024.0);
            run(List.of("dpkg-deb", "-x", deb.toString(), bench.work.resolve("root").toString()), Map.of());
        }
        List<String> launchers = new ArrayList<>(List.of(bench.work.resolve("root/usr/lib/canhgac-agent/bin/canhgac-agent").toString()));
        if (args.length > 2) {
            launchers.add(Path.of(args[2]).toAbsolutePath().toString());
        }
        System.out.printf(Locale.ROOT, "%nagent idle and connected for %d s (flags from agent/jvm.options):%n", idle.toSeconds());
        for (int i = 0; i < launchers.size(); i++) {
            long[] kib = bench.measure(launchers.get(i), "agent-" + i, idle);
            System.out.printf(Locale.ROOT, "  VmRSS %6.1f MiB  VmHWM %6.1f MiB  %s%n", kib[0] / 1024.0, kib[1] / 1024.0, launchers.get(i));
        }
        System.out.println("work directory (logs): " + bench.work);
    }

    /** Enrols and runs the agent through {@code launcher} against a fresh packaged server; VmRSS and VmHWM in KiB after the idle window. */
    private long[] measure(String launcher, String name, Duration idle) throws Exception {
        Path directory = Files.createDirectories(work.resolve(name));
        Path config = directory.resolve("server.yaml");
        int enrollment = freePort();
        Files.writeString(config, "agentListen: 127.0.0.1:" + freePort() + "\nenrollmentListen: 127.0.0.1:" + enrollment
                + "\napiListen: 127.0.0.1:" + freePort() + "\n");
        Map<String, String> env = Map.of("CANHGAC_SERVER_CONFIG", config.toString());
        String data = directory.resolve("server").toString();
        run(List.of(server.resolve("canhgac-server").toString(), "init", "--data-dir", data), env);
        Path serverLog = directory.resolve("server.log");
        Process serverProcess = start(List.of(server.resolve("canhgac-server").toString(), "run", "--data-dir", data), env, serverLog);
        Process agent = null;
        try {
            await(serverLog, " running: ", serverProcess);
            Matcher token = Pattern.compile("Token:\\s+(\\S+)").matcher(run(List.of(server.resolve("canhgacctl").toString(), "--data-dir", data,
                    "token", "create", "--unit", "Bench", "--role", "internal-workstation"), env));
            if (!token.find()) {
                throw new IllegalStateException("canhgacctl printed no token");
            }
            String state = directory.resolve("agent").toString();
            run(List.of(launcher, "enroll", "--state-dir", state, "--server", "127.0.0.1:" + enrollment, "--token", token.group(1)), Map.of());
            agent = start(List.of(launcher, "run", "--state-dir", state, "--host-root", "/"), Map.of(), directory.resolve("agent.log"));
            await(serverLog, "event=agent.connected", agent);
            if (agent.waitFor(idle.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the agent exited during the idle window; see " + directory.resolve("agent.log"));
            }
            // The launchers exec java, so the child's pid is the agent JVM's.
            Matcher status = STATUS_KIB.matcher(Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status")));
            long[] kib = new long[2];
            while (status.find()) {
                kib[status.group(1).equals("VmRSS") ? 0 : 1] = Long.parseLong(status.group(2));
            }
            return kib;
        } finally {
            stop(agent);
            stop(serverProcess);
        }
    }

    private static List<Path> debs(Path dist) throws IOException {
        try (Stream<Path> files = Files.list(dist)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().toList();
            if (debs.stream().noneMatch(p -> p.getFileName().toString().startsWith("canhgac-agent_"))
                    || debs.stream().noneMatch(p -> p.getFileName().toString().startsWith("canhgac-server_"))) {
                throw new IllegalArgumentException(dist + " must hold the agent and server .debs (build them: ./mvnw -pl installer -am package)");
            }
            return debs;
        }
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("canhgac-bench-", ".log");
        try {
            Process process = start(command, env, log);
            if (!process.waitFor(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " did not finish within " + STEP_LIMIT.toSeconds() + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (status " + process.exitValue() + "):\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits until {@code log} contains {@code text}; the process it comes from must stay up meanwhile. */
    private static void await(Path log, String text, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        while (!read(log).contains(text)) {
            if (process.waitFor(200, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                throw new IllegalStateException("\"" + text + "\" did not appear in " + log + " (process " + (process.isAlive() ? "still running"
                        : "exited with " + process.exitValue()) + ")");
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
