package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/**
 * One key-exchange mode, start to finish: a copy of the provisioned server with that mode's
 * groups, the server as a child JVM, all agents connected, all events streamed and
 * acknowledged, the server stopped, and its database counted against what was acknowledged.
 */
final class ModeRun {

    private static final Duration SERVER_STARTUP_LIMIT = Duration.ofMinutes(2);

    private final LoadSettings settings;
    private final Provisioner.Provisioned provisioned;
    private final PrintStream out;

    ModeRun(LoadSettings settings, Provisioner.Provisioned provisioned, PrintStream out) {
        this.settings = settings;
        this.provisioned = provisioned;
        this.out = out;
    }

    RunReport run(TlsMode mode) throws InterruptedException {
        Path directory = settings.workDirectory().resolve(mode.label());
        createDirectory(directory);
        ServerPaths paths = provisioned.copyTo(directory.resolve("server"));
        ServerListeners listeners = ServerListeners.onFreePorts(mode.settings());
        listeners.writeConfig(paths);
        Workload workload = settings.workload();
        String prefix = "[" + mode.label() + "] ";

        RunReport report;
        try (ServerProcess server = ServerProcess.start(paths, settings.serverJvmCommandLine(), directory, SERVER_STARTUP_LIMIT);
             Fleet fleet = prepareFleet(mode, workload, prefix)) {
            out.println(prefix + "server pid " + server.pid() + " (" + String.join(" ", server.jvmOptions()) + ") on "
                    + listeners.agentAddress() + ", groups " + mode.settings().namedGroups() + "; log " + server.log());
            report = measure(mode, server, fleet, listeners, workload, prefix);
        }
        report = report.withEventsStored(countStoredEvents(paths));
        if (!settings.keepData()) {
            deleteDatabase(paths);
        }
        return report;
    }

    /** Connects every agent, streams every event, and reads the figures off the fleet and the server before either stops. */
    private RunReport measure(TlsMode mode, ServerProcess server, Fleet fleet, ServerListeners listeners, Workload workload, String prefix)
            throws InterruptedException {
        Deadline deadline = Deadline.after(settings.timeout());
        out.println(prefix + "connecting " + settings.agents() + " agents, at most " + settings.maxHandshakesInFlight()
                + " handshakes at a time…");
        Fleet.ConnectResult connect = fleet.connect(listeners.agentAddress(), settings.maxHandshakesInFlight(), deadline);
        ProcessSample connected = server.sample();
        out.println(prefix + "streaming " + settings.eventsPerAgent() + " events per agent in batches of " + settings.batchSize()
                + (workload.paced() ? String.format(Locale.ROOT, ", %,d events/s in all…", workload.eventsPerSecond())
                : ", as fast as the server acknowledges…"));
        boolean streamedInTime = !deadline.expired() && fleet.stream(deadline);
        int held = fleet.held();
        ProcessSample end = server.sample();
        FleetStats stats = fleet.stats();
        return new RunReport(mode, settings.agents(), workload, connect, held, stats.handshakeFailures.sum(), stats.negotiatedGroups(),
                settings.totalEvents(), stats.eventsSent.sum(), stats.eventsAcknowledged.sum(), -1,
                Duration.ofNanos(stats.streamingNanos()), !streamedInTime, RunReport.Latency.of(stats.latencySnapshot()),
                new RunReport.ServerFootprint(settings.serverHeap(), connected.residentMib(), end.residentMib(), end.peakResidentMib(),
                        server.heapAfterGc(), server.warningLines()),
                stats.serverNotices.sum(), stats.unexpectedDisconnects.sum(), Optional.ofNullable(stats.firstProblem()));
    }

    private Fleet prepareFleet(TlsMode mode, Workload workload, String prefix) {
        long start = System.nanoTime();
        Fleet fleet = Fleet.prepare(provisioned.agents(), provisioned.caCertificate(), mode.settings(), workload,
                status -> out.println(prefix + "  " + status));
        out.printf(Locale.ROOT, "%sbuilt %,d client TLS contexts, one certificate each, in %.1f s (not part of any figure)%n", prefix,
                provisioned.agents().size(), (System.nanoTime() - start) / 1e9);
        return fleet;
    }

    /** Counted after the server stopped: what it acknowledged must be in the file, exactly once. */
    private long countStoredEvents(ServerPaths paths) {
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            return database.events().count(Optional.empty());
        } catch (RuntimeException e) {
            out.println("cannot count the events stored in " + paths.database() + ": " + e.getMessage());
            return -1;
        }
    }

    private static void deleteDatabase(ServerPaths paths) {
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(Path.of(paths.database() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + paths.database() + suffix + ": " + e.getMessage(), e);
            }
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }
}
