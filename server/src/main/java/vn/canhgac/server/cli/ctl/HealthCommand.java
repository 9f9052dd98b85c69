package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code canhgacctl health}: whether the API answers; needs no login, so scripts can wait for a starting server. */
@Command(name = "health", description = "Check that the admin API answers (no login needed); exit 1 when it does not.")
public final class HealthCommand extends ApiCommand {

    @Override
    boolean needsSession() {
        return false;
    }

    @Override
    void run(ApiClient api, PrintWriter out) {
        String answer = api.get("/api/v1/health");
        out.println(json() ? answer : "The Canh Gác API at " + api.base() + " answers.");
    }
}
