package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.server.api.ApiModel.CreatedToken;
import vn.canhgac.server.api.ApiModel.TokenList;
import vn.canhgac.server.api.ApiModel.TokenSummary;

/** {@code canhgacctl token}: one-time enrolment tokens. */
@Command(name = "token", description = "Create, list and revoke one-time enrolment tokens.",
        subcommands = {TokenCommands.Create.class, TokenCommands.List.class, TokenCommands.Revoke.class})
public final class TokenCommands {

    @Command(name = "create", description = "Create a token that enrols one machine of a unit, with a role; prints the token and the enrol command.")
    static final class Create extends ApiCommand {
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "The organisational unit, e.g. \"Sở Nội vụ\".")
        String unit;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "The machine's role: secret-workstation, internal-workstation, internet-workstation or mdm-host.")
        String role;

        @Option(names = "--expires", paramLabel = "DURATION", description = "How long the token stays usable, e.g. 30m, 24h, 7d."
                + " Default: 24h.")
        String expires;

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("unit", unit);
            body.put("role", role);
            if (expires != null) {
                body.put("expires", expires);
            }
            String answer = api.post("/api/v1/tokens", body);
            if (json()) {
                out.println(answer);
                return;
            }
            CreatedToken token = api.read(answer, CreatedToken.class);
            out.println("Created enrolment token " + token.id() + " for one machine of \"" + token.unit() + "\", role " + token.role()
                    + ", usable until " + Texts.time(token.expiresAt()) + ".");
            out.println();
            out.println("  Token:          " + token.token());
            out.println("  CA fingerprint: " + token.caFingerprint());
            out.println();
            out.println("On the machine to enrol, run as root:");
            out.println();
            out.println("  " + token.enrollCommand());
            out.println();
            out.println("The token is shown only now and works once; `canhgacctl token list` shows its state.");
        }
    }

    @Command(name = "list", description = "List enrolment tokens, newest first (never their secrets).")
    static final class List extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/tokens");
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<TokenSummary> tokens = api.read(answer, TokenList.class).tokens();
            if (tokens.isEmpty()) {
                out.println("No enrolment tokens yet; create one with `canhgacctl token create --unit UNIT --role ROLE`.");
                return;
            }
            Table table = new Table("ID", "UNIT", "ROLE", "STATE", "CREATED", "EXPIRES", "USED BY");
            for (TokenSummary token : tokens) {
                table.row(token.id(), token.unit(), token.role(), token.state(), Texts.time(token.createdAt()),
                        Texts.time(token.expiresAt()), token.usedByAgentId());
            }
            table.print(out);
        }
    }

    @Command(name = "revoke", description = "Revoke an unused token so that it can no longer enrol a machine.")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The token's id, as `canhgacctl token list` shows it.")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            api.delete("/api/v1/tokens/" + ApiClient.segment(id));
            if (!json()) {
                out.println("Revoked enrolment token " + id + ".");
            }
        }
    }
}
