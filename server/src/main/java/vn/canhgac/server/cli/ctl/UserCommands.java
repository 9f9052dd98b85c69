package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.server.api.ApiModel.CreatedUser;
import vn.canhgac.server.api.ApiModel.UserList;
import vn.canhgac.server.api.ApiModel.UserSummary;
import vn.canhgac.server.cli.ConsoleInput;

/** {@code canhgacctl user}: server accounts. */
@Command(name = "user", description = "Create, list, lock and unlock accounts (admins); change your own password.",
        subcommands = {UserCommands.Create.class, UserCommands.List.class, UserCommands.Lock.class, UserCommands.Unlock.class,
                UserCommands.Password.class})
public final class UserCommands {

    @Command(name = "create", description = {"Create an account; prints its TOTP enrolment and recovery codes, once.",
            "Hand them and the password to the person over a safe channel; they change the password with `canhgacctl user password`."})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The username: a-z, 0-9, '.', '_' and '-'.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, security-officer or inspector.")
        String role;

        @Option(names = "--unit", paramLabel = "UNIT", description = "A unit the account sees, with its sub-units; repeat for more."
                + " Required for security-officer and inspector, not allowed for admin.")
        java.util.List<String> units = new ArrayList<>();

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the initial password from the first line of FILE"
                + " instead of asking.")
        Path passwordFile;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String password = passwordFile != null ? ConsoleInput.readSecretFile(passwordFile, "--password-file")
                    : ConsoleInput.askNewSecret("Initial password for " + name + " (12 or more characters): ", "pass --password-file FILE");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", name);
            body.put("role", role);
            body.put("units", units);
            body.put("password", password);
            String answer = api.post("/api/v1/users", body);
            if (json()) {
                out.println(answer);
                return;
            }
            CreatedUser created = api.read(answer, CreatedUser.class);
            UserSummary user = created.user();
            out.println("Created account " + user.username() + " (" + user.role() + ")"
                    + (user.units().isEmpty() ? "" : " for " + String.join(", ", user.units())) + ".");
            out.println();
            out.println("Second factor, for the person's authenticator app (scan or paste the URI, or type the secret):");
            out.println("  " + created.totpUri());
            out.println("  secret: " + created.totpSecret());
            out.println();
            out.println("Recovery codes, each good for one login without the app:");
            created.recoveryCodes().forEach(code -> out.println("  " + code));
            out.println();
            out.println("These are shown only now.");
        }
    }

    @Command(name = "list", description = "List accounts (admins only).")
    static final class List extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/users");
            if (json()) {
                out.println(answer);
                return;
            }
            Table table = new Table("USERNAME", "ROLE", "UNITS", "LAST LOGIN", "LOCKED", "FAILURES", "RECOVERY CODES");
            for (UserSummary user : api.read(answer, UserList.class).users()) {
                table.row(user.username(), user.role(), user.units().isEmpty() ? "(all)" : String.join(", ", user.units()),
                        Texts.time(user.lastLoginAt()), user.lockedAt() == null ? "no" : Texts.time(user.lockedAt()),
                        user.failedAttempts(), user.recoveryCodesLeft());
            }
            table.print(out);
        }
    }

    @Command(name = "lock", description = "Lock an account and end its sessions (admins only).")
    static final class Lock extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The account to lock.")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, String> body = new LinkedHashMap<>();
            if (reason != null) {
                body.put("reason", reason);
            }
            String answer = api.post("/api/v1/users/" + ApiClient.segment(name) + "/lock", body);
            out.println(json() ? answer : "Locked " + name + "; its sessions have ended.");
        }
    }

    @Command(name = "unlock", description = "Unlock an account, for example after too many failed logins (admins only).")
    static final class Unlock extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The account to unlock.")
        String name;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.post("/api/v1/users/" + ApiClient.segment(name) + "/unlock", Map.of());
            out.println(json() ? answer : "Unlocked " + name + ".");
        }
    }

    @Command(name = "password", description = "Change your own password; your other sessions end.")
    static final class Password extends ApiCommand {
        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the current password from FILE instead of asking.")
        Path currentFile;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new password from FILE instead of asking.")
        Path newFile;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String noTerminal = "pass --password-file FILE and --new-password-file FILE";
            String current = currentFile != null ? ConsoleInput.readSecretFile(currentFile, "--password-file")
                    : ConsoleInput.askSecret("Current password: ", noTerminal);
            String next = newFile != null ? ConsoleInput.readSecretFile(newFile, "--new-password-file")
                    : ConsoleInput.askNewSecret("New password (12 or more characters): ", noTerminal);
            String username = root().connection().savedUsername();
            api.put("/api/v1/users/" + ApiClient.segment(username) + "/password", Map.of("current", current, "new", next));
            if (!json()) {
                out.println("Changed the password of " + username + "; its other sessions have ended.");
            }
        }
    }
}
