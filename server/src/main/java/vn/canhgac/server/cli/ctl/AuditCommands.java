package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import vn.canhgac.server.api.ApiModel.AuditEntryView;
import vn.canhgac.server.api.ApiModel.AuditPage;
import vn.canhgac.server.api.ApiModel.AuditVerification;

/** {@code canhgacctl audit}: the hash-chained log of admin actions. */
@Command(name = "audit", description = "Read and verify the audit log (admins only).",
        subcommands = {AuditCommands.List.class, AuditCommands.Verify.class})
public final class AuditCommands {
    private static final int DETAILS_COLUMN = 80;

    @Command(name = "list", description = "List audit entries, oldest first, one page at a time (--after continues where a page ended).")
    static final class List extends ApiCommand {
        @Option(names = "--after", paramLabel = "SEQ", description = "Only entries after this one: the next page.")
        Long after;

        @Option(names = "--limit", paramLabel = "N", description = "At most N entries (1 to 1000). Default: 100.")
        Integer limit;

        @Override
        void checkOptions() {
            if (limit != null && (limit < 1 || limit > 1000)) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000 (got " + limit + ")");
            }
            if (after != null && after < 0) {
                throw new ParameterException(spec.commandLine(), "--after must not be negative (got " + after + ")");
            }
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/audit?after=" + (after == null ? 0 : after) + "&limit=" + (limit == null ? 100 : limit));
            if (json()) {
                out.println(answer);
                return;
            }
            AuditPage page = api.read(answer, AuditPage.class);
            if (page.entries().isEmpty()) {
                out.println("No audit entries" + (after == null ? "." : " after " + after + "."));
                return;
            }
            Table table = new Table("SEQ", "AT", "ACTOR", "ACTION", "TARGET", "DETAILS");
            for (AuditEntryView entry : page.entries()) {
                table.row(entry.seq(), Texts.time(entry.at()), entry.actor(), entry.action(), entry.target(),
                        Texts.shorten(String.valueOf(entry.details()), DETAILS_COLUMN));
            }
            table.print(out);
            if (page.next() != null) {
                out.println("More entries may follow: add --after " + page.next() + " for the next page.");
            }
        }
    }

    @Command(name = "verify", description = {"Walk the whole hash chain; exit 1 naming the first entry that was edited, deleted or moved.",
            "Record the head it prints somewhere else: a later head that does not contain it shows the newest entries were cut."})
    static final class Verify extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/audit/verify");
            AuditVerification result = api.read(answer, AuditVerification.class);
            if (json()) {
                out.println(answer);
            } else if (result.intact()) {
                out.println("The audit log is intact: " + result.entriesChecked() + " entries"
                        + (result.headSeq() == null ? "." : ", head " + result.headSeq() + " " + result.headHash() + "."));
            }
            if (!result.intact()) {
                out.flush();
                throw new CtlException("the audit log is broken at entry " + result.firstBadSeq() + ": " + result.problem()
                        + " (entries 1.." + result.entriesChecked() + " are intact)");
            }
        }
    }
}
