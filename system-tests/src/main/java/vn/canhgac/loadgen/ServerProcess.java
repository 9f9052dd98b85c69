package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.cli.ServerMain;

/**
 * A Canh Gác server running as a child JVM ({@code ServerMain run --data-dir D}) with a heap
 * limit of its own, so that its memory figures are those of a real server process and not mixed
 * up with the load generator's. Its stdout and stderr go to a log file beside the data directory.
 */
final class ServerProcess implements AutoCloseable {

    /** The log line the server writes once all its listeners are bound. */
    static final String READY_EVENT = "event=server.started";
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final List<String> jvmOptions;
    private final Thread exitHook;

    private ServerProcess(Process process, Path log, Path gcLog, List<String> jvmOptions) {
        this.process = process;
        this.exitHook = ChildProcesses.destroyOnExit(process);
        this.log = log;
        this.gcLog = gcLog;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts the server on {@code paths} (its server.yaml already written) and waits until it
     * listens. Its output goes to {@code server.log} in {@code logDirectory}, its GC log to
     * {@code server-gc.log} beside it.
     */
    static ServerProcess start(ServerPaths paths, List<String> jvmOptions, Path logDirectory, Duration startupLimit) {
        Path log = logDirectory.resolve("server.log");
        Path gcLog = logDirectory.resolve("server-gc.log");
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.executable());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        // This classpath holds the agent's and the server's jars, each with the same logback.xml;
        // naming it spares the server log logback's "occurs multiple times" status dump.
        command.add("-Dlogback.configurationFile=logback.xml");
        command.addAll(List.of("-cp", JavaCommand.classpath(), ServerMain.class.getName(), "run", "--data-dir",
                paths.dataDirectory().toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(process, log, gcLog, jvmOptions);
        server.awaitReady(startupLimit);
        return server;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    ProcessSample sample() {
        return ProcessSample.of(process.pid());
    }

    Optional<GcLog.HeapAfterGc> heapAfterGc() {
        return GcLog.read(gcLog);
    }

    /**
     * The server's own log events at WARN or ERROR so far (-1 if the log is unreadable): a clean
     * run has none. Only {@code event=} lines count; libraries' chatter is not the server's verdict.
     */
    long warningLines() {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> (line.contains(" WARN ") || line.contains(" ERROR ")) && line.contains("event=")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private void awaitReady(Duration limit) {
        Deadline deadline = Deadline.after(limit);
        try {
            while (!logContains(READY_EVENT)) {
                // waitFor doubles as the pause between polls and notices a server that gave up.
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the server exited with status " + process.exitValue() + " before it was ready; "
                            + "its log " + log + " ends with:\n" + tail());
                }
                if (deadline.expired()) {
                    close();
                    throw new IllegalStateException("the server was not ready after " + limit.toSeconds() + " s; see " + log);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the server to start", e);
        }
    }

    boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, so the server stores what it has queued and closes its store; SIGKILL if it takes over a minute. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_LIMIT, exitHook);
    }
}
