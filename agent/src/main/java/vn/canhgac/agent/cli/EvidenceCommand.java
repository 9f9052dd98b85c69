package vn.canhgac.agent.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.agent.documents.DocumentCollector;
import vn.canhgac.agent.documents.EvidenceStore;

/**
 * {@code canhgac-agent evidence show REF}: for an inspector at the machine, the path behind an
 * opaque document reference from a violation. The store is readable by the agent's owner only,
 * so this runs as root; nothing is sent anywhere.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true, subcommands = EvidenceCommand.Show.class,
        description = "Look up the local evidence behind a document reference (run as root at the machine).")
final class EvidenceCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the path and dates recorded for a reference (doc-…).")
    static final class Show implements Callable<Integer> {

        @Option(names = "--state-dir", defaultValue = "/var/lib/canhgac/agent", description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
        Path stateDir;

        @Parameters(paramLabel = "REF", description = "The reference from a document event, e.g. doc-3f9a….")
        String reference;

        @Override
        public Integer call() {
            Optional<EvidenceStore.Evidence> evidence = EvidenceStore.lookup(stateDir.resolve(DocumentCollector.EVIDENCE_FILE), reference);
            if (evidence.isEmpty()) {
                System.err.println("canhgac-agent: no evidence for " + reference + " in " + stateDir
                        + " (references are per machine: run this on the machine that reported it)");
                return 2;
            }
            EvidenceStore.Evidence found = evidence.get();
            System.out.println("reference:     " + found.reference());
            System.out.println("path:          " + found.path());
            System.out.println("first seen:    " + found.firstSeen());
            System.out.println("last seen:     " + found.lastSeen());
            System.out.println("last reported: " + (found.lastReported() == null ? "-" : found.lastReported()));
            return 0;
        }
    }
}
