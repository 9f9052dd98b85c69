package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark the foundation issue asks for: N simulated agents over real mutual TLS on
 * loopback against a real server process, once per key-exchange mode, reported side by side.
 * Agents are provisioned once, offline, and every mode starts from a copy of that server.
 */
final class LoadGenerator {

    private final LoadSettings settings;
    private final PrintStream out;

    LoadGenerator(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs every mode in order and returns their reports (also printed). */
    List<RunReport> run() throws InterruptedException {
        Path runDirectory = settings.workDirectory().resolve(LocalDateTime.now(Clock.systemDefaultZone())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        createDirectories(runDirectory);
        LoadSettings run = settings.withWorkDirectory(runDirectory);
        out.printf(Locale.ROOT, "Canh Gác load generator: %,d agents × %,d events (batches of %d, ≤%d unacknowledged per agent, %s),"
                + " modes %s%n", run.agents(), run.eventsPerAgent(), run.batchSize(), run.maxBatchesInFlight(),
                run.eventsPerSecond() > 0 ? String.format(Locale.ROOT, "paced at %,d events/s", run.eventsPerSecond()) : "unpaced",
                run.modes());
        out.println("Everything runs on 127.0.0.1 on this machine (" + Runtime.getRuntime().availableProcessors()
                + " cores, shared by the server and the simulated agents); work directory " + runDirectory);
        out.println("Load average before the run: " + loadAverage() + " (other work on the machine skews every figure)");

        long start = System.nanoTime();
        Provisioner.Provisioned provisioned = new Provisioner(Clock.systemUTC(), new SecureRandom())
                .provision(runDirectory.resolve("provisioned"), run.agents());
        out.printf(Locale.ROOT, "Provisioned %,d agents offline in %.1f s (token + CSR + certificate through the server's own enrolment"
                + " service; enrolment is not part of what is measured)%n", run.agents(), (System.nanoTime() - start) / 1e9);

        ReportPrinter printer = new ReportPrinter(out);
        List<RunReport> reports = new ArrayList<>();
        for (TlsMode mode : run.modes()) {
            RunReport report = new ModeRun(run, provisioned, out).run(mode);
            printer.print(report);
            out.println("  load average   " + loadAverage() + " (1, 5 and 15 minutes) at the end of this run");
            reports.add(report);
        }
        if (reports.size() > 1) {
            printer.printSideBySide(reports);
        }
        return reports;
    }

    /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} has them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), java.nio.charset.StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
