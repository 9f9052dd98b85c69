package vn.canhgac.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canhgac-loadgen}: the agent-channel benchmark, from the command line. */
@Command(name = "canhgac-loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Opens N simulated agents over mutual TLS 1.3 on 127.0.0.1 against a real Canh Gác server process and streams events.",
            "Reports connections held, handshake rate, events acknowledged per second (each acknowledged only after SQLite commit),",
            "send-to-acknowledgement latency and the server's memory, for the hybrid post-quantum and the classical key exchange."})
public final class LoadGeneratorMain implements Callable<Integer> {

    @Option(names = "--agents", defaultValue = "10000", description = "Simulated agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--events-per-agent", defaultValue = "100", description = "Events each agent streams (default: ${DEFAULT-VALUE}).")
    int eventsPerAgent;

    @Option(names = "--batch", defaultValue = "100", description = "Events per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--in-flight", defaultValue = "4",
            description = "Unacknowledged batches per agent, 1 to 4 (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_SECOND",
            description = "Combined sending rate of all agents; 0 sends as fast as the server acknowledges, which measures"
                    + " throughput, while a rate below that measures latency at that load (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--handshakes-in-flight", defaultValue = "64",
            description = "Connections being set up at once (default: ${DEFAULT-VALUE}).")
    int handshakesInFlight;

    @Option(names = "--tls", defaultValue = "both",
            description = "both (hybrid, then classical), hybrid or classical (default: ${DEFAULT-VALUE}).")
    String tls;

    @Option(names = "--server-heap", defaultValue = "1g", description = "The server JVM's -Xmx (default: ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--server-jvm-option", paramLabel = "OPTION",
            description = "A further option for the server JVM, e.g. -XX:+UseSerialGC; repeat for more.")
    List<String> serverJvmOptions = List.of();

    @Option(names = "--work-dir", description = "Where server data and logs go (default: a new directory under the system temp dir).")
    Path workDir;

    @Option(names = "--timeout", defaultValue = "15m",
            description = "Bound on each mode's connect + stream phases, e.g. 90s, 15m, 1h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--keep-data", description = "Keep each mode's server database (large) after the run.")
    boolean keepData;

    public static void main(String[] args) {
        ToolLogging.configure();
        // Each simulated agent's key goes into an in-memory PKCS#12 store inside TlsEndpoint, which
        // by default protects it with 10,000 PBKDF2 rounds: minutes of CPU for ten thousand agents,
        // for a store that is never written anywhere. Only this benchmark process is affected.
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
        System.exit(new CommandLine(new LoadGeneratorMain())
                .setExecutionExceptionHandler((error, line, parsed) -> {
                    line.getErr().println("canhgac-loadgen: " + error.getMessage());
                    return 1;
                })
                .execute(args));
    }

    /** 0 when every run was complete, 2 when one timed out or lost agents or events (the figures are still printed). */
    @Override
    public Integer call() throws Exception {
        Path directory = workDir != null ? workDir : java.nio.file.Files.createTempDirectory("canhgac-loadgen-");
        LoadSettings settings = new LoadSettings(agents, eventsPerAgent, batch, inFlight, rate, handshakesInFlight, modes(tls), serverHeap,
                serverJvmOptions, directory, duration("--timeout", timeout), keepData);
        List<RunReport> reports = new LoadGenerator(settings, System.out).run();
        return reports.stream().allMatch(RunReport::complete) ? 0 : 2;
    }

    static List<TlsMode> modes(String value) {
        return switch (value) {
            case "both" -> List.of(TlsMode.HYBRID, TlsMode.CLASSICAL);
            case "hybrid" -> List.of(TlsMode.HYBRID);
            case "classical" -> List.of(TlsMode.CLASSICAL);
            default -> throw new IllegalArgumentException("--tls must be both, hybrid or classical (got \"" + value + "\")");
        };
    }

    /** "90s", "15m", "1h": the forms a person types. */
    static Duration duration(String option, String value) {
        if (!value.matches("[1-9][0-9]*[smh]")) {
            throw new IllegalArgumentException(option + " must be a number followed by s, m or h, e.g. 15m (got \"" + value + "\")");
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
