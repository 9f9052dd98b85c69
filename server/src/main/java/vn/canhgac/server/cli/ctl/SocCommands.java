package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import vn.canhgac.server.api.ApiModel.SocDestinationView;
import vn.canhgac.server.api.ApiModel.SocDestinations;

/** {@code canhgacctl soc}: SOC export. */
@Command(name = "soc", description = "SOC export: where events are forwarded (admins and security officers).",
        subcommands = {SocCommands.Status.class})
public final class SocCommands {
    private static final int ERROR_COLUMN = 60;

    @Command(name = "status", description = "Each destination of server.yaml's socExport: events sent, still queued, failures, last error.")
    static final class Status extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/soc/destinations");
            if (json()) {
                out.println(answer);
                return;
            }
            SocDestinations result = api.read(answer, SocDestinations.class);
            if (result.destinations().isEmpty()) {
                out.println("No SOC export destination is configured (socExport in server.yaml).");
                return;
            }
            Table table = new Table("NAME", "KIND", "TARGET", "SENT", "QUEUED", "FAILURES", "LAST SUCCESS", "LAST ERROR");
            for (SocDestinationView destination : result.destinations()) {
                table.row(destination.name(), destination.kind(), destination.target(), destination.sent(), destination.queued(),
                        destination.failures(), Texts.time(destination.lastSuccessAt()),
                        destination.lastError() == null ? "-"
                                : Texts.time(destination.lastErrorAt()) + " " + Texts.shorten(destination.lastError(), ERROR_COLUMN));
            }
            table.print(out);
        }
    }
}
