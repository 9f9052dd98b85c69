package vn.canhgac.server.cli.ctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.server.api.ApiModel.ReportStatus;
import vn.canhgac.server.reports.ManifestRefused;
import vn.canhgac.server.reports.ReportManifest;
import vn.canhgac.server.reports.ReportManifests;

/** {@code canhgacctl report}: violation reports with signed manifests, and their offline check. */
@Command(name = "report", description = "Export violation reports (CSV, JSON, PDF) with signed manifests, and verify them offline.",
        subcommands = {ReportCommands.Create.class, ReportCommands.Status.class, ReportCommands.Verify.class})
public final class ReportCommands {
    /** How often the export's progress is asked for. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** Without a terminal, a progress line at most this often, so logs stay short. */
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

    private ReportCommands() {}

    @Command(name = "create", description = {"Export a report and write FILE and FILE" + ReportManifests.FILE_SUFFIX + " (its signed manifest).",
            "Progress goes to stderr: a bar on a terminal, a line every few seconds otherwise."})
    static final class Create extends ApiCommand {
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "A unit to report on, with its sub-units; repeat for more.")
        java.util.List<String> units;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, e.g. 2026-01-01 (Vietnam time).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included.")
        String to;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only this violation type, e.g. usb.storage.violation; repeat for more.")
        java.util.List<String> types = new ArrayList<>();

        @Option(names = "--severity", paramLabel = "SEVERITY", description = "Only this severity (info, low, medium, high, critical); repeat for more.")
        java.util.List<String> severities = new ArrayList<>();

        @Option(names = "--format", required = true, paramLabel = "csv|json|pdf")
        String format;

        @Option(names = "--lang", paramLabel = "vi|en", description = "Language of the labels. Default: vi.")
        String language = "vi";

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
        Path out;

        @Override
        void checkOptions() {
            date("--from", from);
            date("--to", to);
            if (!java.util.List.of("csv", "json", "pdf").contains(format)) {
                throw new ParameterException(spec.commandLine(), "--format must be csv, json or pdf (got \"" + format + "\")");
            }
            if (!java.util.List.of("vi", "en").contains(language)) {
                throw new ParameterException(spec.commandLine(), "--lang must be vi or en (got \"" + language + "\")");
            }
            Path directory = out.toAbsolutePath().getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + ": the directory " + directory + " does not exist");
            }
        }

        private void date(String option, String value) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), option + " must be a date like 2026-01-31 (got \"" + value + "\")");
            }
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("units", units);
            body.put("from", from);
            body.put("to", to);
            body.put("types", types);
            body.put("severities", severities);
            body.put("format", format);
            body.put("language", language);
            ReportStatus status = api.read(api.post("/api/v1/reports", body), ReportStatus.class);
            status = waitForIt(api, status, new Progress(spec.commandLine().getErr()));
            String id = ApiClient.segment(status.id());
            Path manifest = this.out.resolveSibling(this.out.getFileName() + ReportManifests.FILE_SUFFIX);
            api.download("/api/v1/reports/" + id + "/file", this.out, DOWNLOAD_TIMEOUT);
            api.download("/api/v1/reports/" + id + "/manifest", manifest, DOWNLOAD_TIMEOUT);
            if (json()) {
                out.println(api.get("/api/v1/reports/" + id));
                return;
            }
            out.printf(Locale.ROOT, "Wrote %s (%s, %,d rows, SHA-256 %s)%n  and its signed manifest %s%n", this.out, status.format(),
                    status.rowCount(), status.sha256(), manifest);
            out.printf("Check them offline with: canhgacctl report verify %s %s --keys DIR%n"
                    + "  (DIR from `canhgacctl server keys --out DIR`)%n", this.out, manifest);
        }

        private ReportStatus waitForIt(ApiClient api, ReportStatus created, Progress progress) {
            ReportStatus status = created;
            while (!status.state().equals("done")) {
                if (status.state().equals("failed")) {
                    progress.end();
                    throw new CtlException("report " + status.id() + " failed: " + status.error());
                }
                progress.show(status);
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CtlException("interrupted while waiting for report " + status.id() + "; it goes on on the server:"
                            + " canhgacctl report status " + status.id(), e);
                }
                status = api.read(api.get("/api/v1/reports/" + ApiClient.segment(status.id())), ReportStatus.class);
            }
            progress.show(status);
            progress.end();
            return status;
        }
    }

    @Command(name = "status", description = "Show a report's state and progress.")
    static final class Status extends ApiCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/reports/" + ApiClient.segment(id));
            if (json()) {
                out.println(answer);
                return;
            }
            ReportStatus status = api.read(answer, ReportStatus.class);
            out.printf(Locale.ROOT, "Report %s: %s, %s%s%n", status.id(), status.state(), Progress.rows(status),
                    status.error() == null ? "" : "; " + status.error());
        }
    }

    /** Offline: reads two files and a key directory, and contacts no server. */
    @Command(name = "verify", description = {"Check offline that FILE is the report MANIFEST describes and that the manifest is signed by",
            "the server's Ed25519 and ML-DSA-65 keys. Exit 0: OK; exit 1: which check failed (manifest, signature, file hash)."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Parameters(index = "1", paramLabel = "MANIFEST")
        Path manifest;

        @Option(names = "--keys", required = true, paramLabel = "DIR",
                description = "The server's public keys (ed25519.pub, ml-dsa-65.pub), as `canhgacctl server keys --out DIR` wrote them.")
        Path keys;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!VerifyingKeys.existIn(keys)) {
                throw new CtlException(keys + " does not hold ed25519.pub and ml-dsa-65.pub; write them with"
                        + " `canhgacctl server keys --out " + keys + "` on a machine that reaches the server");
            }
            VerifyingKeys verifying;
            try {
                verifying = VerifyingKeys.readFrom(keys);
            } catch (RuntimeException e) {
                throw new CtlException("cannot read the server's public keys in " + keys + ": " + e.getMessage(), e);
            }
            byte[] manifestBytes = read(manifest);
            if (!Files.isRegularFile(file)) {
                throw new CtlException(file + " does not exist or is not a file");
            }
            ReportManifest verified;
            try {
                verified = ReportManifests.verify(file, manifestBytes, verifying);
            } catch (ManifestRefused e) {
                err.println("FAILED (" + check(e.check()) + "): " + e.getMessage());
                err.flush();
                return 1;
            } catch (IOException e) {
                throw new CtlException("cannot read " + file + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "OK: %s is the report %s described by its manifest (SHA-256 %s, %d bytes, %d rows)%n", file,
                    verified.reportFile(), verified.sha256(), verified.size(), verified.rowCount());
            out.printf("  signed with Ed25519 and ML-DSA-65 by the server's keys %s%n", verifying.fingerprint());
            out.printf("  made by %s at %s on the server of CA %s%n", verified.generatedBy(), verified.generatedAt(),
                    verified.serverIdentity().caFingerprint());
            out.printf("  query: %s%n", query(verified));
            out.flush();
            return 0;
        }

        private static String check(ManifestRefused.Check check) {
            return switch (check) {
                case MANIFEST -> "manifest";
                case SIGNATURE -> "signature";
                case FILE -> "file hash";
            };
        }

        private static String query(ReportManifest manifest) {
            try {
                return new ObjectMapper().writeValueAsString(manifest.query());
            } catch (IOException e) {
                return manifest.query().toString();
            }
        }

        private static byte[] read(Path manifest) {
            try (InputStream in = Files.newInputStream(manifest)) {
                // One byte more than allowed, so that the check can say the file is too large.
                return in.readNBytes(ReportManifests.MAX_MANIFEST_BYTES + 1);
            } catch (IOException e) {
                throw new CtlException("cannot read the manifest " + manifest + ": " + e.getMessage(), e);
            }
        }
    }

    /** The export's progress on stderr: a redrawn bar on a terminal, plain lines (at most every few seconds) otherwise. */
    static final class Progress {
        private static final int BAR = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private long lastPlain;
        private boolean drawn;

        Progress(PrintWriter err) {
            this.err = err;
            this.terminal = terminal();
        }

        /**
         * Since Java 22 {@code System.console()} is not null when output is redirected; {@code isTerminal()}
         * tells, but the build targets Java 21, where it is missing, so it is looked up at run time.
         */
        private static boolean terminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }

        void show(ReportStatus status) {
            if (terminal) {
                int filled = status.rowsTotal() > 0 ? (int) (BAR * status.rowsDone() / status.rowsTotal()) : 0;
                err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + rows(status) + "   ");
                drawn = true;
            } else {
                long now = System.nanoTime();
                if (lastPlain == 0 || now - lastPlain >= PLAIN_EVERY.toNanos() || status.state().equals("done")) {
                    err.println("report " + status.id() + ": " + status.state() + ", " + rows(status));
                    lastPlain = now;
                }
            }
            err.flush();
        }

        void end() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }

        static String rows(ReportStatus status) {
            if (status.rowsTotal() < 0) {
                return "counting violations";
            }
            return String.format(Locale.ROOT, "%,d of %,d rows", status.rowsDone(), status.rowsTotal());
        }
    }
}
