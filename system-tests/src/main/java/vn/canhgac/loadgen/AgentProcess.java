package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real agent, run through its launcher ({@code bin/canhgac-agent}) exactly as an operator
 * runs it. The launcher {@code exec}s java, so the child's pid is the agent JVM's and
 * {@code /proc/PID} describes the agent itself.
 */
final class AgentProcess implements AutoCloseable {

    private static final Pattern ENROLLED = Pattern.compile("Enrolled as agent (\\S+)");
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final Thread exitHook;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.exitHook = ChildProcesses.destroyOnExit(process);
    }

    /** {@code canhgac-agent enroll}; returns the agent id the server gave. */
    static String enroll(Path launcher, Path stateDirectory, String enrollmentAddress, String token, AgentFootprint.Variant variant,
                         Duration limit) throws InterruptedException {
        Path log = stateDirectory.resolveSibling(stateDirectory.getFileName() + "-enroll.log");
        Process process = launch(List.of(launcher.toString(), "enroll", "--state-dir", stateDirectory.toString(), "--server",
                enrollmentAddress, "--token", token), variant, log);
        Thread exitHook = ChildProcesses.destroyOnExit(process);
        try {
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("`canhgac-agent enroll` did not finish within " + limit.toSeconds() + " s; see " + log);
            }
        } finally {
            ChildProcesses.release(exitHook);
        }
        String output = read(log);
        Matcher enrolled = ENROLLED.matcher(output);
        if (process.exitValue() != 0 || !enrolled.find()) {
            throw new IllegalStateException("`canhgac-agent enroll` failed (status " + process.exitValue() + "):\n" + output);
        }
        return enrolled.group(1);
    }

    /** {@code canhgac-agent run --host-root /}, its output in {@code log}. */
    static AgentProcess start(Path launcher, Path stateDirectory, AgentFootprint.Variant variant, Path log) {
        return new AgentProcess(launch(List.of(launcher.toString(), "run", "--state-dir", stateDirectory.toString(), "--host-root", "/"),
                variant, log), log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits {@code window}; false if the agent exited during it. */
    boolean staysUpFor(Duration window) throws InterruptedException {
        return !process.waitFor(window.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM options on the agent's command line: what comes between the java executable and the classpath. */
    List<String> jvmOptions() {
        try {
            String[] arguments = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8)
                    .split("\0");
            List<String> options = new ArrayList<>();
            for (String argument : Arrays.asList(arguments).subList(1, arguments.length)) {
                if (argument.equals("-cp") || argument.equals("-classpath")) {
                    break;
                }
                options.add(argument);
            }
            return options;
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_LIMIT, exitHook);
    }

    private static Process launch(List<String> command, AgentFootprint.Variant variant, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        variant.applyTo(builder.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
