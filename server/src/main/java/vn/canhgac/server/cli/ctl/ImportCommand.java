package vn.canhgac.server.cli.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.server.api.ApiModel.ImportReport;

/** {@code canhgacctl import}: signed event bundles carried from offline agents ({@code canhgac-agent export}). */
@Command(name = "import", description = {"Verify and store signed event bundles that `canhgac-agent export` wrote on an offline machine.",
        "Importing a bundle again stores nothing new; a changed or foreign bundle is refused and nothing of it is stored."})
public final class ImportCommand extends ApiCommand {

    /** Storing the largest bundle on a slow disk can take longer than the usual 30 seconds. */
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(10);

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "Bundle files (*" + BundleFormat.FILE_SUFFIX + "), or directories"
            + " whose bundle files are imported in name order, which is sequence order for each agent.")
    List<Path> bundles;

    @Option(names = "--accept-gap", description = "Store a bundle even though events before it were never imported. Only when the"
            + " files holding them are lost for good: the server will not take those events later if the agent connects.")
    boolean acceptGap;

    private final List<Path> files = new ArrayList<>();

    @Override
    void checkOptions() {
        for (Path bundle : bundles) {
            if (Files.isDirectory(bundle)) {
                List<Path> found = bundleFiles(bundle);
                if (found.isEmpty()) {
                    throw new CtlException(bundle + " holds no *" + BundleFormat.FILE_SUFFIX + " file; give the directory"
                            + " `canhgac-agent export --out` wrote to, or the files themselves");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(bundle)) {
                files.add(bundle);
            } else {
                throw new CtlException(bundle + " does not exist or is not a file or directory");
            }
        }
        for (Path file : files) {
            long size = size(file);
            if (size > BundleFormat.MAX_FILE_BYTES) {
                throw new CtlException(file + " is " + size + " bytes, more than the " + BundleFormat.MAX_FILE_BYTES
                        + " a bundle can be: it is not a bundle written by canhgac-agent export");
            }
        }
    }

    @Override
    void run(ApiClient api, PrintWriter out) {
        long stored = 0;
        long alreadyHeld = 0;
        for (Path file : files) {
            String answer;
            try {
                answer = api.postFile("/api/v1/imports" + (acceptGap ? "?acceptGap=true" : ""), file, IMPORT_TIMEOUT);
            } catch (CtlException e) {
                out.flush();
                throw new CtlException(file + ": " + e.getMessage()
                        + (files.size() > 1 ? " (files before it were imported; fix this one, then run the import again)" : ""), e);
            }
            if (json()) {
                out.println(answer);
                continue;
            }
            ImportReport report = api.read(answer, ImportReport.class);
            stored += report.stored();
            alreadyHeld += report.alreadyHeld();
            out.println(describe(file, report));
        }
        if (!json() && files.size() > 1) {
            out.printf(Locale.ROOT, "Imported %d files: %d events stored, %d already held.%n", files.size(), stored, alreadyHeld);
        }
    }

    static String describe(Path file, ImportReport report) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: agent %s, events %d..%d: %d received, %d stored, %d already held",
                file.getFileName(), report.agentId(), report.firstSequence(), report.lastSequence(), report.received(), report.stored(),
                report.alreadyHeld()));
        if (report.stored() == 0) {
            line.append(" (nothing new: the server held them all)");
        }
        if (report.missingBefore() > 0) {
            line.append(String.format(Locale.ROOT, "; the %d events before sequence %d were never imported (gap accepted)",
                    report.missingBefore(), report.firstSequence()));
        }
        if (report.droppedEventsTotal() > 0) {
            line.append(String.format(Locale.ROOT, "; the agent's full outbox had dropped %d events by %s",
                    report.droppedEventsTotal(), Texts.time(report.createdAt())));
        }
        return line.toString();
    }

    private static List<Path> bundleFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(BundleFormat.FILE_SUFFIX))
                    .sorted().toList();
        } catch (IOException e) {
            throw new CtlException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CtlException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
