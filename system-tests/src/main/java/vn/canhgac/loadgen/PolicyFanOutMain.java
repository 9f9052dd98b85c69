package vn.canhgac.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canhgac-bench-policy-fanout}: issue 6's policy fan-out benchmark, from the command line. */
@Command(name = "canhgac-bench-policy-fanout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Connects N simulated agents over mutual TLS 1.3 on 127.0.0.1 to a real Canh Gác server process, assigns a policy to their",
            "unit and publishes new revisions over the admin API, and reports for each the time until every agent received the signed",
            "bundle (median, p99, max) and until the server held every acknowledgement. Simulated agents do not verify signatures",
            "(real agents do, each on its own machine: bin/canhgac-bench-policy measures that)."})
public final class PolicyFanOutMain implements Callable<Integer> {

    @Option(names = "--agents", split = ",", defaultValue = "1000,10000", description = "Fleet sizes, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> agents;

    @Option(names = "--publishes", defaultValue = "5", description = "Revisions published after the first assignment (default: ${DEFAULT-VALUE}).")
    int publishes;

    @Option(names = "--server-heap", defaultValue = "1g", description = "The server JVM's -Xmx (default: ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--handshakes-in-flight", defaultValue = "64", description = "Connections being set up at once (default: ${DEFAULT-VALUE}).")
    int handshakesInFlight;

    @Option(names = "--timeout", defaultValue = "15m", description = "Bound on connecting and on each publish, e.g. 90s, 15m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--work-dir", description = "Where server data and logs go (default: a new directory under the system temp dir).")
    Path workDir;

    public static void main(String[] args) {
        ToolLogging.configure();
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1"); // as in LoadGeneratorMain: in-memory stores only
        System.exit(new CommandLine(new PolicyFanOutMain())
                .setExecutionExceptionHandler((error, line, parsed) -> {
                    line.getErr().println("canhgac-bench-policy-fanout: " + error.getMessage());
                    return 1;
                })
                .execute(args));
    }

    /** 0 when every agent received every version, 2 otherwise (the figures are still printed). */
    @Override
    public Integer call() throws Exception {
        if (agents.stream().anyMatch(n -> n < 1) || publishes < 0) {
            throw new IllegalArgumentException("--agents must be positive and --publishes not negative");
        }
        Path directory = workDir != null ? workDir : Files.createTempDirectory("canhgac-fanout-");
        PolicyFanOut bench = new PolicyFanOut(directory, serverHeap, handshakesInFlight,
                LoadGeneratorMain.duration("--timeout", timeout), System.out);
        List<PolicyFanOut.Round> rounds = new ArrayList<>();
        for (int n : agents) {
            rounds.addAll(bench.run(n, publishes));
        }
        PolicyFanOut.print(rounds, System.out);
        return rounds.stream().allMatch(round -> round.received() == round.agents()) ? 0 : 2;
    }
}
