package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/** {@code canhgac-server init} and {@code unlock}, run in-process as an operator would at the console. */
class ServerMainTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void initCreatesTheServerAndTheFirstAdminAndPrintsTheSecondFactor() throws IOException {
        Path data = dir.resolve("server");
        Path secret = dir.resolve("totp-secret");

        Run run = init(data, "Admin", secret);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Initialised " + data), run.out());
        assertTrue(run.out().contains("  otpauth://totp/Canh%20Gac:admin?secret="), run.out());
        assertEquals(10, run.out().lines().filter(line -> line.matches("  [a-z2-7]{4}(-[a-z2-7]{4}){3}")).count(), run.out());
        assertTrue(KeyFiles.isOwnerOnly(secret));
        String printed = run.out().lines().filter(line -> line.startsWith("  secret: ")).findFirst().orElseThrow().substring(10);
        assertEquals(printed, Files.readString(secret, StandardCharsets.UTF_8).strip());
        try (SqliteDatabase db = SqliteDatabase.open(new ServerPaths(data).database())) {
            assertEquals("admin", db.accounts().list().getFirst().role());
            assertEquals(Totp.base32(db.accounts().find("admin").orElseThrow().totpSecret()), printed);
            AuditEntry created = db.audit().list(0, 10).getFirst();
            assertEquals("console", created.actor());
            assertEquals("user.created", created.action());
        }
        assertFalse(Files.exists(data.resolve("admin.credential")));
    }

    @Test
    void aSecondInitIsRefusedOnceAnAccountExists() throws IOException {
        Path data = dir.resolve("server");
        init(data, "admin", null);

        Run again = init(data, "other", null);

        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("has accounts already; an admin creates more with `canhgacctl user create`"), again.err());
    }

    @Test
    void initOnAServerWithoutAccountsOnlyAddsTheAdmin() throws IOException {
        ServerPaths paths = new ServerPaths(dir.resolve("server"));
        CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());

        Run run = init(paths.dataDirectory(), "admin", null);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Created the first admin of " + paths.dataDirectory()), run.out());
    }

    @Test
    void aWeakPasswordIsRefusedBeforeAnythingIsCreated() throws IOException {
        Path data = dir.resolve("server");
        Path password = Files.writeString(dir.resolve("password"), "short\n", StandardCharsets.UTF_8);

        Run run = run("init", "--data-dir", data.toString(), "--admin-user", "admin", "--admin-password-file", password.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgac-server: a password must be 12 to 256 characters long"), run.err());
        assertFalse(Files.exists(data));
    }

    @Test
    void unlockOnTheConsoleUnlocksAndIsAudited() throws IOException {
        Path data = dir.resolve("server");
        init(data, "admin", null);
        try (SqliteDatabase db = SqliteDatabase.open(new ServerPaths(data).database())) {
            db.accounts().lock("admin", java.time.Instant.now(), "5 failed logins within 15 minutes");
        }

        Run unlock = run("unlock", "--data-dir", data.toString(), "--user", "admin");
        Run again = run("unlock", "--data-dir", data.toString(), "--user", "admin");
        Run unknown = run("unlock", "--data-dir", data.toString(), "--user", "nobody");

        assertEquals("Unlocked admin.\n", unlock.out());
        assertEquals("admin was not locked; nothing changed.\n", again.out());
        assertEquals(1, unknown.exitCode());
        try (SqliteDatabase db = SqliteDatabase.open(new ServerPaths(data).database())) {
            assertFalse(db.accounts().find("admin").orElseThrow().locked());
            List<AuditEntry> entries = db.audit().list(0, 10);
            assertEquals("user.unlocked", entries.getLast().action());
            assertEquals("console", entries.getLast().actor());
        }
    }

    @Test
    void initWithoutAdminPreparesTheServerAndTheConsoleAddsTheAdminLater() throws IOException {
        Path data = dir.resolve("packaged");
        Run unattended = run("init", "--without-admin", "--data-dir", data.toString());
        assertEquals(0, unattended.exitCode(), unattended.err());
        assertTrue(unattended.out().contains("CA fingerprint") && unattended.out().contains("canhgac-server init --data-dir"),
                unattended.out());
        assertTrue(Files.exists(data.resolve("canhgac.db")));

        Run console = init(data, "admin", null);
        assertEquals(0, console.exitCode(), console.err());
        assertTrue(console.out().contains("Created the first admin of"), console.out());
    }

    private Run init(Path data, String user, Path secretFile) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
        return secretFile == null
                ? run("init", "--data-dir", data.toString(), "--admin-user", user, "--admin-password-file", password.toString())
                : run("init", "--data-dir", data.toString(), "--admin-user", user, "--admin-password-file", password.toString(),
                        "--admin-totp-secret-file", secretFile.toString());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
