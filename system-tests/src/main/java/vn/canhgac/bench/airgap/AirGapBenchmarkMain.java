package vn.canhgac.bench.airgap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import vn.canhgac.agent.cli.AgentMain;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.Enroller;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.protocol.bundle.SignedBundles;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.cli.CtlMain;
import vn.canhgac.server.config.ServerConfig;

/**
 * {@code bin/canhgac-airgap-bench}: how fast an offline agent's outbox becomes a signed bundle and
 * gets into the server, and that the export fits the agent's heap. Starts a real server on
 * loopback in a temporary directory, enrols one agent, fills its outbox, then times
 * {@code canhgac-agent export} in a child JVM with the agent's own JVM options,
 * {@code canhgacctl import} over HTTPS (verify and store), the same import again, and
 * verification alone. Prints figures; asserts nothing.
 *
 * <p>Options: {@code --events N} (default 100000), {@code --payload-bytes B} (default 300),
 * {@code --agent-jvm-options FILE} (default agent/jvm.options), {@code --keep} (leave the directory).
 */
public final class AirGapBenchmarkMain {

    private AirGapBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path directory = Files.createTempDirectory("canhgac-airgap-bench-");
        System.out.printf(Locale.ROOT, "Air-gap export/import: %d events of ~%d-byte payloads, in %s; load average %s, %d cores%n",
                settings.events(), settings.payloadBytes(), directory, loadAverage(), Runtime.getRuntime().availableProcessors());
        ServerPaths paths = new ServerPaths(directory.resolve("server"));
        CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
        try (CanhGacServer server = CanhGacServer.start(paths, loopbackConfig(), Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity agent = enrol(server, state);

            long started = System.nanoTime();
            String where = fillOutbox(state.resolve("outbox.db"), settings);
            report("outbox filled (setup)", settings.events(), started, System.nanoTime(), where);

            started = System.nanoTime();
            runChild(settings, List.of("--version"), directory.resolve("version.log"));
            System.out.printf(Locale.ROOT, "  %-48s %.2f s (included in the export below)%n", "child JVM start (canhgac-agent --version)",
                    seconds(started, System.nanoTime()));

            Path usb = directory.resolve("usb");
            started = System.nanoTime();
            ChildRun export = runChild(settings, List.of("export", "--state-dir", state.toString(), "--out", usb.toString(),
                    "--config", state.resolve("no-agent.yaml").toString()), directory.resolve("export.log"));
            List<Path> bundles = bundles(usb);
            long bytes = bundles.stream().mapToLong(AirGapBenchmarkMain::size).sum();
            report("export, child JVM " + String.join(" ", heapOptions(settings.agentJvmOptions())), settings.events(), started,
                    export.finishedNanos(), String.format(Locale.ROOT, "%d files, %.1f MB, %.1f MB/s, child CPU %s, peak RSS %s",
                            bundles.size(), bytes / 1e6, bytes / 1e6 / seconds(started, export.finishedNanos()), export.cpu(), export.peakRss()));

            started = System.nanoTime();
            String first = importAll(server, paths, usb);
            report("import (canhgacctl, HTTPS, verify, store)", settings.events(), started, System.nanoTime(), first);

            started = System.nanoTime();
            String again = importAll(server, paths, usb);
            report("import again (all already held)", settings.events(), started, System.nanoTime(), again);

            started = System.nanoTime();
            for (Path bundle : bundles) {
                SignedBundles.verify(Files.readAllBytes(bundle));
            }
            report("verify only, in process", settings.events(), started, System.nanoTime(), bundles.size() + " files");
            System.out.printf(Locale.ROOT, "  stored for the agent: %d events; load average now %s%n",
                    server.database().events().count(java.util.Optional.of(agent.agentId())), loadAverage());
        } finally {
            if (!settings.keep()) {
                BenchFiles.deleteTree(directory);
            }
        }
    }

    /** Options; anything unknown stops with a usage line. */
    record Settings(int events, int payloadBytes, Path agentJvmOptions, boolean keep) {
        static Settings parse(String[] args) {
            int events = 100_000;
            int payload = 300;
            Path options = Path.of("agent/jvm.options");
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = Integer.parseInt(value(args, ++i));
                    case "--payload-bytes" -> payload = Integer.parseInt(value(args, ++i));
                    case "--agent-jvm-options" -> options = Path.of(value(args, ++i));
                    case "--keep" -> keep = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: canhgac-airgap-bench [--events N] [--payload-bytes B] [--agent-jvm-options FILE] [--keep]");
                }
            }
            if (events < 1 || payload < 10 || payload > 60_000) {
                throw new IllegalArgumentException("--events must be positive and --payload-bytes between 10 and 60000");
            }
            return new Settings(events, payload, options, keep);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private record ChildRun(long finishedNanos, String cpu, String peakRss) {}

    private static ServerConfig loopbackConfig() {
        InetSocketAddress anyPort = new InetSocketAddress("127.0.0.1", 0);
        return new ServerConfig(anyPort, anyPort, anyPort, "127.0.0.1", List.of("127.0.0.1", "localhost"), TlsSettings.HYBRID_PREFERRED,
                30, Duration.ofMinutes(10), Duration.ofDays(365), 200_000, 2);
    }

    private static AgentIdentity enrol(CanhGacServer server, Path state) {
        String token = new EnrollmentTokenCode(server.tokens().create("Bench", "secret-workstation", Duration.ofHours(1)).secret(),
                server.ca().fingerprint()).format();
        OsFacts facts = new OsFacts("bench-host", "Debian GNU/Linux", "12", "6.1.0", "amd64", "bench");
        return new Enroller(TlsSettings.HYBRID_PREFERRED, new SecureRandom()).enroll(server.enrollment().localAddress(), token, facts, state);
    }

    /**
     * Events of the shapes collectors record: mostly USB connections, every tenth a violation. Every append is one fsync
     * (a few ms on a disk), so where Linux offers a memory file system the outbox is filled there and then copied into
     * place: the export still reads it from the disk.
     */
    private static String fillOutbox(Path file, Settings settings) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path fillDirectory = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "canhgac-bench-") : null;
        Path fillFile = fillDirectory == null ? file : fillDirectory.resolve(file.getFileName());
        String padding = "x".repeat(Math.max(0, settings.payloadBytes() - 80));
        try (Outbox outbox = Outbox.open(fillFile, Math.max(1_000_000, settings.events() + 1L), Clock.systemUTC())) {
            for (int i = 1; i <= settings.events(); i++) {
                outbox.append(i % 10 == 0 ? "usb.blocked.violation" : "usb.connected", i % 10 == 0 ? 4 : 1,
                        "{\"n\":" + i + ",\"vendorId\":\"0951\",\"productId\":\"1666\",\"unit\":\"Sở Nội vụ\",\"note\":\"" + padding + "\"}");
            }
        }
        if (fillDirectory == null) {
            return "in place";
        }
        // Closed cleanly, so the write-ahead log was checkpointed into the file: the file alone is the outbox.
        Files.copy(fillFile, file);
        BenchFiles.deleteTree(fillDirectory);
        return "filled in /dev/shm, copied to disk";
    }

    /** An agent command in a child JVM with the agent's JVM options; samples the child's peak resident memory. */
    private static ChildRun runChild(Settings settings, List<String> arguments, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        // Agent and server both ship a logback.xml; on this shared classpath logback would print a status report about it.
        command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        command.addAll(jvmOptions(settings.agentJvmOptions()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakKb = 0;
        long cpuTicks = 0;
        Path proc = Path.of("/proc", Long.toString(child.pid()));
        while (!child.waitFor(20, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, residentKb(proc.resolve("status")));
            cpuTicks = Math.max(cpuTicks, cpuTicks(proc.resolve("stat")));
        }
        long finished = System.nanoTime();
        if (child.exitValue() != 0) {
            throw new IllegalStateException("canhgac-agent " + arguments.getFirst() + " failed (exit " + child.exitValue() + "); see " + log
                    + ":\n" + Files.readString(log));
        }
        return new ChildRun(finished, cpuTicks == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", cpuTicks / 100.0),
                peakKb == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", peakKb / 1024.0));
    }

    /** User plus system CPU of a running process from /proc/PID/stat, in clock ticks (100 a second on Linux), 0 where there is none. */
    private static long cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** VmHWM (peak resident set) of a running process from /proc, 0 where there is none. */
    private static long residentKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process just ended: no sample this time.
        }
        return 0;
    }

    private static List<String> jvmOptions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " not found; pass --agent-jvm-options with the agent's jvm.options file");
        }
        return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> heapOptions(Path file) throws IOException {
        return jvmOptions(file).stream().filter(option -> option.startsWith("-Xmx")).toList();
    }

    private static String importAll(CanhGacServer server, ServerPaths paths, Path usb) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine ctl = CtlMain.commandLine(Clock.systemUTC());
        ctl.setOut(new PrintWriter(out, true));
        ctl.setErr(new PrintWriter(err, true));
        int exit = ctl.execute("import", usb.toString(), "--data-dir", paths.dataDirectory().toString(),
                "--api", "https://127.0.0.1:" + server.api().localAddress().getPort());
        if (exit != 0) {
            throw new IllegalStateException("canhgacctl import failed: " + err);
        }
        List<String> lines = out.toString().strip().lines().toList();
        return lines.getLast().replaceFirst("^.*?: agent [^,]*, ", "");
    }

    private static List<Path> bundles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(BundleFormat.FILE_SUFFIX)).sorted().toList();
        }
    }

    private static void report(String what, int events, long startedNanos, long endedNanos, String detail) {
        double seconds = seconds(startedNanos, endedNanos);
        System.out.printf(Locale.ROOT, "  %-48s %8d events in %7.2f s = %9.0f events/s  %s%n", what, events, seconds, events / seconds, detail);
    }

    private static double seconds(long startedNanos, long endedNanos) {
        return (endedNanos - startedNanos) / 1e9;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
