package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.protocol.tls.TlsSettings;

/**
 * Measures the real agent's footprint: a local server (child JVM), then for each variant of JVM
 * flags a fresh enrolment and {@code canhgac-agent run} through the launcher, and once the server
 * has seen it connect, its resident memory and CPU time at the start and end of an idle window.
 */
final class AgentFootprint {

    static final double AIM_RESIDENT_MIB = 64;
    static final double AIM_CPU_PERCENT = 1;
    private static final Duration STEP_LIMIT = Duration.ofMinutes(3);

    /**
     * A set of JVM flags to launch the agent with. The launcher takes them from
     * {@code CANHGAC_AGENT_JAVA_OPTS} when that is set and from agent/jvm.options otherwise.
     */
    record Variant(String name, Optional<String> javaOptions) {

        private static final String VARIABLE = "CANHGAC_AGENT_JAVA_OPTS";

        /** The flags in agent/jvm.options, as shipped (the variable is cleared, in case this shell set it). */
        static Variant shipped() {
            return new Variant("jvm.options", Optional.empty());
        }

        /** No flags at all: what the JVM picks by itself on this machine (the launcher still sets MALLOC_ARENA_MAX=2). */
        static Variant jvmDefaults() {
            // A blank value wins over jvm.options and splits into no options at all.
            return new Variant("JVM defaults", Optional.of(" "));
        }

        static Variant custom(int number, String javaOptions) {
            return new Variant("custom " + number, Optional.of(javaOptions));
        }

        void applyTo(Map<String, String> environment) {
            javaOptions.ifPresentOrElse(options -> environment.put(VARIABLE, options), () -> environment.remove(VARIABLE));
        }
    }

    /** One variant's figures; {@code start} is sampled once the server has seen the agent connect, {@code end} a window later. */
    record Measurement(Variant variant, List<String> jvmOptions, Duration timeToConnect, ProcessSample start, ProcessSample end) {

        Measurement {
            jvmOptions = List.copyOf(jvmOptions);
        }

        double cpuPercent() {
            return ProcessSample.cpuPercentOfOneCore(start, end);
        }

        boolean meetsAims() {
            return end.residentMib() <= AIM_RESIDENT_MIB && cpuPercent() < AIM_CPU_PERCENT;
        }
    }

    private final Path launcher;
    private final Path workDirectory;
    private final Duration idle;
    private final PrintStream out;

    AgentFootprint(Path launcher, Path workDirectory, Duration idle, PrintStream out) {
        this.launcher = launcher;
        this.workDirectory = workDirectory;
        this.idle = idle;
        this.out = out;
    }

    List<Measurement> run(List<Variant> variants) throws InterruptedException {
        ServerPaths paths = new ServerPaths(workDirectory.resolve("server"));
        Provisioner provisioner = new Provisioner(Clock.systemUTC(), new SecureRandom());
        CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            tokens.add(provisioner.tokenFor(paths));
        }
        ServerListeners listeners = ServerListeners.onFreePorts(TlsSettings.HYBRID_PREFERRED);
        listeners.writeConfig(paths);
        List<Measurement> measurements = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(paths, List.of("-Xmx256m"), workDirectory, STEP_LIMIT)) {
            out.println("server pid " + server.pid() + " listening on " + listeners.agentAddress() + "; log " + server.log());
            for (int i = 0; i < variants.size(); i++) {
                measurements.add(measure(variants.get(i), tokens.get(i), listeners, server, "agent-" + (i + 1)));
            }
        }
        return measurements;
    }

    private Measurement measure(Variant variant, String token, ServerListeners listeners, ServerProcess server, String name)
            throws InterruptedException {
        Path state = workDirectory.resolve(name);
        createDirectory(state);
        out.println("[" + variant.name() + "] enrolling through " + launcher + " …");
        String agentId = AgentProcess.enroll(launcher, state, "127.0.0.1:" + listeners.enrollmentPort(), token, variant,
                STEP_LIMIT);
        long started = System.nanoTime();
        try (AgentProcess agent = AgentProcess.start(launcher, state, variant, workDirectory.resolve(name + ".log"))) {
            awaitConnected(agent, agentId, server);
            Duration toConnect = Duration.ofNanos(System.nanoTime() - started);
            out.printf(Locale.ROOT, "[%s] agent %s (pid %d) connected after %.1f s; idle for %d s…%n", variant.name(), agentId,
                    agent.pid(),
                    toConnect.toNanos() / 1e9, idle.toSeconds());
            ProcessSample start = ProcessSample.of(agent.pid());
            if (!agent.staysUpFor(idle)) {
                throw new IllegalStateException("the agent exited during the idle window; see " + agent.log());
            }
            ProcessSample end = ProcessSample.of(agent.pid());
            return new Measurement(variant, agent.jvmOptions(), toConnect, start, end);
        }
    }

    private static void awaitConnected(AgentProcess agent, String agentId, ServerProcess server) throws InterruptedException {
        String connected = "event=agent.connected agent=" + agentId;
        Deadline deadline = Deadline.after(STEP_LIMIT);
        while (!server.logContains(connected)) {
            if (!agent.staysUpFor(Duration.ofMillis(200))) {
                throw new IllegalStateException("the agent exited before it connected; see " + agent.log());
            }
            if (deadline.expired()) {
                throw new IllegalStateException("the server did not see agent " + agentId + " connect within " + STEP_LIMIT.toMinutes()
                        + " min; see " + agent.log() + " and " + server.log());
            }
        }
    }

    void print(List<Measurement> measurements) {
        out.println("─".repeat(78));
        out.printf(Locale.ROOT, "Agent footprint after %d s idle and connected (aim: VmRSS ≤ %.0f MiB, CPU < %.0f%% of one core)%n",
                idle.toSeconds(), AIM_RESIDENT_MIB, AIM_CPU_PERCENT);
        out.printf(Locale.ROOT, "%-14s %10s %10s %12s %8s %10s  %s%n", "flags", "VmRSS", "VmHWM", "CPU 1 core", "threads", "connect",
                "aims");
        for (Measurement m : measurements) {
            out.printf(Locale.ROOT, "%-14s %6.1f MiB %6.1f MiB %11.2f%% %8d %8.1f s  %s%n", m.variant().name(), m.end().residentMib(),
                    m.end().peakResidentMib(), m.cpuPercent(), m.end().threads(), m.timeToConnect().toNanos() / 1e9,
                    m.meetsAims() ? "met" : "NOT met");
        }
        for (Measurement m : measurements) {
            out.printf(Locale.ROOT, "%-14s VmRSS %.1f MiB at the start of the window; JVM flags: %s%n", m.variant().name(),
                    m.start().residentMib(), m.jvmOptions().isEmpty() ? "(none)" : String.join(" ", m.jvmOptions()));
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
