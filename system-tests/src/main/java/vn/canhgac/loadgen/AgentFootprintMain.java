package vn.canhgac.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canhgac-agent-footprint}: the idle agent's resident memory and CPU use, from the command line. */
@Command(name = "canhgac-agent-footprint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the real agent (bin/canhgac-agent) against a local server on 127.0.0.1 and reports its resident memory (VmRSS,",
            "VmHWM) and CPU use over an idle, connected window, with the flags in agent/jvm.options and optionally with none."})
public final class AgentFootprintMain implements Callable<Integer> {

    @Option(names = "--idle-seconds", defaultValue = "60", description = "Length of the idle window (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--compare-defaults", description = "Also measure the agent with no JVM flags at all, for comparison.")
    boolean compareDefaults;

    @Option(names = "--agent-java-opts", paramLabel = "OPTIONS",
            description = "Also measure the agent with these JVM flags (one string, as CANHGAC_AGENT_JAVA_OPTS takes them);"
                    + " repeat for more.")
    List<String> customOptions = List.of();

    @Option(names = "--agent-launcher", description = "The agent launcher (default: bin/canhgac-agent of this checkout).")
    Path agentLauncher;

    @Option(names = "--work-dir", description = "Where the server and agent state go (default: a new directory under the system temp dir).")
    Path workDir;

    public static void main(String[] args) {
        ToolLogging.configure();
        System.exit(new CommandLine(new AgentFootprintMain())
                .setExecutionExceptionHandler((error, line, parsed) -> {
                    line.getErr().println("canhgac-agent-footprint: " + error.getMessage());
                    return 1;
                })
                .execute(args));
    }

    /** 0 when the agent with its shipped flags met the aims, 2 when it did not (the figures are printed either way). */
    @Override
    public Integer call() throws Exception {
        if (idleSeconds < 1) {
            throw new IllegalArgumentException("--idle-seconds must be at least 1 (got " + idleSeconds + ")");
        }
        Path launcher = agentLauncher != null ? agentLauncher : defaultLauncher();
        Path directory = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("canhgac-footprint-");
        List<AgentFootprint.Variant> variants = new ArrayList<>(List.of(AgentFootprint.Variant.shipped()));
        if (compareDefaults) {
            variants.add(AgentFootprint.Variant.jvmDefaults());
        }
        for (int i = 0; i < customOptions.size(); i++) {
            variants.add(AgentFootprint.Variant.custom(i + 1, customOptions.get(i)));
        }
        AgentFootprint footprint = new AgentFootprint(launcher, directory, Duration.ofSeconds(idleSeconds), System.out);
        List<AgentFootprint.Measurement> measurements = footprint.run(variants);
        footprint.print(measurements);
        return measurements.getFirst().meetsAims() ? 0 : 2;
    }

    /** bin/canhgac-agent-footprint passes the checkout's root as canhgac.home. */
    private static Path defaultLauncher() {
        String home = System.getProperty("canhgac.home");
        if (home == null) {
            throw new IllegalArgumentException(
                    "no --agent-launcher given and canhgac.home is not set; run through bin/canhgac-agent-footprint");
        }
        Path launcher = Path.of(home, "bin", "canhgac-agent");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException(launcher + " is missing or not executable; pass --agent-launcher");
        }
        return launcher;
    }
}
