package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhgac.server.api.ApiModel.CreatedSession;
import vn.canhgac.server.api.ApiModel.SessionSummary;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.cli.ConsoleInput;

/** {@code canhgacctl login}, {@code logout} and {@code whoami}. */
public final class SessionCommands {
    private static final int FEW_RECOVERY_CODES = 3;

    private SessionCommands() {}

    @Command(name = "login", description = {"Log in with a password and a second factor; the session is kept in the session file"
            + " (owner-only) for the commands that follow.",
            "Asks for the password and the TOTP code on the terminal unless they are given by file (for scripts)."})
    public static final class Login extends ApiCommand {
        @Option(names = "--user", required = true, paramLabel = "NAME", description = "Your username.")
        String user;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
        Path passwordFile;

        @ArgGroup(exclusive = true)
        SecondFactor secondFactor;

        static final class SecondFactor {
            @Option(names = "--totp-code", paramLabel = "CODE", description = "The 6-digit code your authenticator app shows now.")
            String code;

            @Option(names = "--totp-secret-file", paramLabel = "FILE",
                    description = "Compute the code from the TOTP secret in FILE (as `canhgac-server init --admin-totp-secret-file`"
                            + " writes it): for unattended scripts such as the demo only, since it keeps both factors on one machine.")
            Path secretFile;

            @Option(names = "--recovery-code", description = "Use one of your one-time recovery codes instead (asked on the terminal).")
            boolean recovery;
        }

        @Override
        boolean needsSession() {
            return false;
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            String noTerminal = "pass --password-file FILE and --totp-code CODE";
            String password = passwordFile != null ? ConsoleInput.readSecretFile(passwordFile, "--password-file")
                    : ConsoleInput.askSecret("Password for " + user + ": ", noTerminal);
            Map<String, String> body = new LinkedHashMap<>();
            body.put("username", user);
            body.put("password", password);
            if (secondFactor != null && secondFactor.recovery) {
                body.put("recoveryCode", ConsoleInput.askSecret("Recovery code: ", noTerminal));
            } else {
                body.put("totpCode", totpCode());
            }
            String answer = api.post("/api/v1/sessions", body);
            CreatedSession session = api.read(answer, CreatedSession.class);
            Path file = root().connection().sessionFile();
            SessionFile.save(file, new SessionFile.Saved(api.base().toString(), session.username(), session.token(), session.expiresAt()));
            if (json()) {
                // The token stays in the session file; a script that wants it reads the file, not the terminal.
                out.println(api.mapper().createObjectNode().put("username", session.username()).put("role", session.role())
                        .put("expiresAt", session.expiresAt().toString()).put("sessionFile", file.toString())
                        .put("recoveryCodesLeft", session.recoveryCodesLeft()));
                return;
            }
            out.println("Logged in to " + api.base() + " as " + session.username() + " (" + session.role() + ")"
                    + (session.units().isEmpty() ? "" : ", units " + String.join(", ", session.units())) + ".");
            out.println("The session lasts until " + Texts.time(session.expiresAt()) + ", or " + session.idleMinutes()
                    + " minutes without use; it is kept in " + file + ".");
            if (session.recoveryCodesLeft() < FEW_RECOVERY_CODES) {
                out.println("Only " + session.recoveryCodesLeft() + " recovery codes are left; ask an admin for a new account setup"
                        + " before they run out.");
            }
        }

        private String totpCode() {
            if (secondFactor != null && secondFactor.secretFile != null) {
                byte[] secret;
                try {
                    secret = Totp.fromBase32(ConsoleInput.readSecretFile(secondFactor.secretFile, "--totp-secret-file"));
                } catch (IllegalArgumentException e) {
                    throw new CtlException("--totp-secret-file " + secondFactor.secretFile + ": " + e.getMessage(), e);
                }
                return Totp.code(secret, root().clock().instant());
            }
            if (secondFactor != null && secondFactor.code != null) {
                return secondFactor.code;
            }
            return ConsoleInput.ask("TOTP code: ", "pass --totp-code CODE");
        }
    }

    @Command(name = "logout", description = "End the session on the server and delete the session file.")
    public static final class Logout extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            Path file = root().connection().sessionFile();
            try {
                api.delete("/api/v1/sessions/current");
            } finally {
                // Even when the server no longer knows the session (expired), the local copy must go.
                SessionFile.delete(file);
            }
            if (!json()) {
                out.println("Logged out; deleted " + file + ".");
            }
        }
    }

    @Command(name = "whoami", description = "Show the account and session in use.")
    public static final class Whoami extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/sessions/current");
            if (json()) {
                out.println(answer);
                return;
            }
            SessionSummary session = api.read(answer, SessionSummary.class);
            out.println(session.username() + " (" + session.role() + ")" + (session.units().isEmpty() ? ", every unit"
                    : ", units " + String.join(", ", session.units())) + "; session until " + Texts.time(session.expiresAt()) + ".");
        }
    }
}
