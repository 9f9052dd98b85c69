package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhgac.server.api.ApiModel.PurgeReport;
import vn.canhgac.server.api.ApiModel.RetentionView;

/** {@code canhgacctl retention}: how long events are kept, and the purge of older ones. */
@Command(name = "retention", description = "Show the event retention, and purge events past it (admins).",
        subcommands = {RetentionCommands.Show.class, RetentionCommands.Purge.class})
public final class RetentionCommands {

    @Command(name = "show", description = "Show the security level, the retention in days and the cutoff it means now.")
    static final class Show extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/retention");
            if (json()) {
                out.println(answer);
                return;
            }
            RetentionView view = api.read(answer, RetentionView.class);
            out.println("Security level " + view.securityLevel() + " (cấp độ " + view.securityLevel() + "): events are kept "
                    + view.eventsDays() + " days (the minimum for this level is " + view.minimumDays() + ").");
            out.println("Events received before " + Texts.time(view.cutoff()) + " are past retention; the server purges them daily.");
        }
    }

    @Command(name = "purge", description = "Delete events past retention now (audited), except evidence of open or acknowledged incidents.")
    static final class Purge extends ApiCommand {
        @Option(names = "--dry-run", description = "Only count what would be deleted; delete nothing.")
        boolean dryRun;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = dryRun ? api.get("/api/v1/retention/purge-preview") : api.post("/api/v1/retention/purge", Map.of());
            if (json()) {
                out.println(answer);
                return;
            }
            PurgeReport report = api.read(answer, PurgeReport.class);
            out.println((report.dryRun() ? "Would delete " : "Deleted ") + report.events() + " events (" + report.violations()
                    + " of them violations) received before " + Texts.time(report.cutoff()) + (report.dryRun() ? "; would keep " : "; kept ") + report.keptForLiveIncidents()
                    + " as evidence of open or acknowledged incidents.");
        }
    }
}
