package vn.canhgac.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.canhgac.agent.airgap.BundleExporter;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.config.AgentConfigReader;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.protocol.bundle.SignedBundleWriter;

/**
 * {@code canhgac-agent export}: the outbox's events as signed bundle files, for a machine that
 * must stay offline. The server side is {@code canhgacctl import}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the events waiting in the outbox as signed bundle files (" + BundleFormat.FILE_SUFFIX
                + ", each with a .sha256 beside it) for `canhgacctl import` on the server. For machines that stay offline.",
                "The events stay in the outbox unless --prune is given."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the bundle files (created if missing),"
            + " e.g. an approved USB drive's mount point.")
    Path out;

    @Option(names = "--prune", description = "Delete the exported events from the outbox once every file is written and on disk.")
    boolean prune;

    @Option(names = "--config", description = "Agent configuration YAML (default: /etc/canhgac/agent.yaml if it exists).")
    Path config;

    @Option(names = "--state-dir", description = "Where keys, certificates and the outbox live (default: stateDirectory from the"
            + " config, else /var/lib/canhgac/agent).")
    Path stateDir;

    @Override
    public Integer call() {
        AgentConfig settings = AgentConfigReader.read(config != null ? config : Path.of("/etc/canhgac/agent.yaml"));
        if (stateDir != null) {
            settings = settings.withStateDirectory(stateDir);
        }
        AgentIdentity identity = AgentIdentity.load(settings.stateDirectory());
        PrintWriter console = spec.commandLine().getOut();
        if (!Files.exists(settings.outboxFile())) {
            console.println("Nothing to export: " + settings.outboxFile() + " does not exist (the agent has not run on this machine yet).");
            console.flush();
            return 0;
        }
        BundleExporter.Result result;
        try (Outbox outbox = Outbox.open(settings.outboxFile(), settings.outboxCapacity(), Clock.systemUTC())) {
            result = new BundleExporter(outbox, identity.agentId(), identity.keyMaterial().key(), identity.keyMaterial().leaf(),
                    Clock.systemUTC(), SignedBundleWriter.Limits.FORMAT_MAXIMUM).export(out, prune);
        }
        report(identity.agentId(), result, console);
        console.flush();
        return 0;
    }

    private void report(String agentId, BundleExporter.Result result, PrintWriter console) {
        if (result.files().isEmpty()) {
            console.println("Nothing to export: the outbox of agent " + agentId + " is empty.");
            return;
        }
        console.printf(Locale.ROOT, "Exported %d events of agent %s (sequences %d..%d) into %d file(s) in %s:%n", result.events(), agentId,
                result.files().getFirst().firstSequence(), result.files().getLast().lastSequence(), result.files().size(), out);
        for (SignedBundleWriter.Written file : result.files()) {
            console.printf(Locale.ROOT, "  %s  %d events  %d bytes  sha256 %s%n", file.file().getFileName(), file.events(), file.bytes(),
                    file.sha256Hex());
        }
        console.println("On the server: canhgacctl import " + out + "   (carry the files on a USB drive the USB policy allows)");
        if (prune) {
            console.println("Deleted " + result.pruned() + " exported events from the outbox.");
        } else {
            console.println("The events stay in the outbox and will be in the next export too (the server stores each event once,"
                    + " however often it is imported); --prune deletes them once the files are written.");
        }
    }
}
