package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.api.ApiFixture;
import vn.canhgac.server.api.ApiJson;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.testing.RawSql;

/** canhgacctl run in-process against a real admin API on 127.0.0.1. */
class CtlMainTest {
    private static final Pattern TOKEN_LINE = Pattern.compile("^  Token: +(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private ApiFixture api;

    private Path session;

    @BeforeEach
    void start() throws IOException {
        api = ApiFixture.start(dir);
        session = dir.resolve("config").resolve("session");
        CtlRun login = loginAs(ApiFixture.ADMIN);
        assertEquals(0, login.exitCode(), login.err());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void tokenCreatePrintsAWorkingTokenTheCaFingerprintAndTheEnrolCommand() {
        CtlRun run = ctl("token", "create", "--unit", "Sở Nội vụ", "--role", "secret-workstation", "--expires", "2h");

        assertEquals(0, run.exitCode(), run.err());
        Matcher line = TOKEN_LINE.matcher(run.out());
        assertTrue(line.find(), run.out());
        EnrollmentTokenCode code = EnrollmentTokenCode.parse(line.group(1));
        assertEquals(api.ca.fingerprint(), code.caFingerprintHex());
        assertTrue(run.out().contains("CA fingerprint: " + Fingerprints.display(api.ca.fingerprint())), run.out());
        assertTrue(run.out().contains("\n  canhgac-agent enroll --server 127.0.0.1:7444 --token " + line.group(1) + "\n"), run.out());
        assertTrue(api.tokens.redeem(code.secret(), "agent-1") instanceof TokenRedemption.Redeemed);
    }

    @Test
    void tokenCreateWithJsonPrintsTheApiAnswer() throws Exception {
        CtlRun run = ctl("token", "create", "--unit", "Sở Nội vụ", "--role", "mdm-host", "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode answer = ApiJson.mapper().readTree(run.out());
        assertEquals("mdm-host", answer.get("role").textValue());
        EnrollmentTokenCode.parse(answer.get("token").textValue());
    }

    @Test
    void sharedOptionsAreAcceptedBeforeTheSubcommand() throws Exception {
        CtlRun run = CtlRun.run(Clock.systemUTC(), "--data-dir", dir.toString(), "--api", api.base(), "--session-file", session.toString(),
                "--json", "token", "create", "--unit", "Sở Nội vụ", "--role", "mdm-host");

        assertEquals(0, run.exitCode(), run.err());
        EnrollmentTokenCode.parse(ApiJson.mapper().readTree(run.out()).get("token").textValue());
    }

    @Test
    void aRefusedTokenRequestExitsWith1AndTheServersReason() {
        CtlRun run = ctl("token", "create", "--unit", "Sở Nội vụ", "--role", "workstation");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: role must be one of"), run.err());
        assertTrue(run.err().strip().endsWith("(HTTP 400)"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void tokenListShowsStatesButNeverTheSecret() {
        CtlRun created = ctl("token", "create", "--unit", "Sở Nội vụ", "--role", "mdm-host");
        Matcher line = TOKEN_LINE.matcher(created.out());
        assertTrue(line.find(), created.out());

        CtlRun run = ctl("token", "list");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("ID "), run.out());
        assertTrue(run.out().contains("Sở Nội vụ"), run.out());
        assertTrue(run.out().contains("unused"), run.out());
        assertFalse(run.out().contains(EnrollmentTokenCode.parse(line.group(1)).secret()), run.out());
    }

    @Test
    void tokenRevokeRevokesAndASecondRevokeExplainsWhyItCannot() {
        String id = api.tokens.create("Sở Nội vụ", "mdm-host", Duration.ofHours(1)).token().id();

        CtlRun first = ctl("token", "revoke", id);
        CtlRun second = ctl("token", "revoke", id);

        assertEquals(0, first.exitCode(), first.err());
        assertEquals("Revoked enrolment token " + id + ".\n", first.out());
        assertTrue(api.tokens.list().getFirst().revokedAt().isPresent());
        assertEquals(1, second.exitCode());
        assertTrue(second.err().contains("already revoked"), second.err());
    }

    @Test
    void theApiAddressComesFromServerYamlWhenApiIsNotGiven() throws IOException {
        Files.writeString(api.paths.config(), "apiListen: 127.0.0.1:" + api.server.localAddress().getPort() + "\n",
                StandardCharsets.UTF_8);

        CtlRun run = CtlRun.run(Clock.systemUTC(), "token", "list", "--data-dir", dir.toString(), "--session-file", session.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("No enrolment tokens yet"), run.out());
    }

    @Test
    void agentListShowsATableAndAgentShowOneAgent() {
        Instant now = api.clock.instant();
        api.enrolled("a1", "Sở Nội vụ", "secret-workstation", "0a1b");
        api.agents.hello("a1", new AgentFacts("pc-ke-toan-01", "Ubuntu", "24.04", "6.8.0", "amd64", "0.1.0"), 42, 0);

        CtlRun list = ctl("agent", "list");
        CtlRun show = ctl("agent", "show", "a1");

        assertEquals(0, list.exitCode(), list.err());
        List<String> rows = list.out().lines().toList();
        assertEquals(List.of("ID", "UNIT", "ROLE", "STATUS", "LAST", "SEEN", "HOSTNAME", "OS", "VERSION", "POLICY", "BACKLOG"),
                List.of(rows.get(0).split(" +")));
        assertEquals(List.of("a1", "Sở", "Nội", "vụ", "secret-workstation", "online", now.toString(), "pc-ke-toan-01", "Ubuntu", "24.04",
                "0.1.0", "-", "42"), List.of(rows.get(1).split(" +")));
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("os:                  Ubuntu 24.04\n"), show.out());
        assertTrue(show.out().contains("certificate serial:  0a1b\n"), show.out());
    }

    @Test
    void agentListWithStatusSilentShowsOnlySilentAgents() {
        api.enrolled("quiet", "Sở Nội vụ", "internet-workstation", "0a1b");
        api.enrolled("talking", "Sở Nội vụ", "internet-workstation", "0a1c");
        api.agents.connected("talking");

        CtlRun silent = ctl("agent", "list", "--status", "silent");
        CtlRun revoked = ctl("agent", "list", "--status", "revoked");
        CtlRun wrong = ctl("agent", "list", "--status", "asleep");

        assertEquals(0, silent.exitCode(), silent.err());
        List<String> rows = silent.out().lines().toList();
        assertEquals(2, rows.size(), silent.out());
        assertTrue(rows.get(1).startsWith("quiet "), silent.out());
        assertEquals("No agent of yours is revoked.\n", revoked.out());
        assertEquals(1, wrong.exitCode());
        assertEquals("canhgacctl: --status must be one of online, silent, revoked (got \"asleep\")\n", wrong.err());
    }

    @Test
    void policyDryRunPrintsCountsPerKindAndTheSamples() throws IOException {
        Instant now = api.clock.instant();
        api.enrolled("a1", "Sở Nội vụ", "internet-workstation", "0a1b");
        api.database.events().storeBatches(List.of(new AgentBatch("a1", List.of(new NewEvent(1, now, "usb.connected", 1,
                "{\"vendorId\":\"0781\",\"productId\":\"5567\",\"serial\":\"4C53\",\"kinds\":[\"storage\"]}")))), now);
        api.clock.advance(Duration.ofMinutes(1));
        Path policy = dir.resolve("chan-usb.yaml");
        Files.writeString(policy, "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: chan-usb\nusb:\n  storage: block\n", StandardCharsets.UTF_8);

        CtlRun run = ctl("policy", "dry-run", policy.toString(), "--days", "7");
        CtlRun wrongDays = ctl("policy", "dry-run", policy.toString(), "--days", "0");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Policy chan-usb over "), run.out());
        assertTrue(run.out().contains(": 1 events judged.\n"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("usb +1 +-")), run.out());
        assertTrue(run.out().contains("usb: 1 of 1\n"), run.out());
        assertTrue(run.out().contains("block by usb.storage=block"), run.out());
        assertEquals(1, wrongDays.exitCode());
        assertEquals("canhgacctl: --days must be between 1 and 365 (got 0)\n", wrongDays.err());
    }

    @Test
    void socStatusSaysWhenNoDestinationIsConfigured() {
        CtlRun run = ctl("soc", "status");
        CtlRun json = ctl("soc", "status", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("No SOC export destination is configured (socExport in server.yaml).\n", run.out());
        assertEquals("{\"destinations\":[]}\n", json.out());
    }

    @Test
    void showingAnUnknownAgentExitsWith1AndSaysSo() {
        CtlRun run = ctl("agent", "show", "nope");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: no agent has id \"nope\""), run.err());
        assertEquals("", run.out());
    }

    @Test
    void agentRevokeRevokesTheAgent() {
        api.enrolled("a1", "Sở Nội vụ", "secret-workstation", "0a1b");

        CtlRun run = ctl("agent", "revoke", "a1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Revoked agent a1"), run.out());
        assertTrue(api.agents.isRevokedSerial("0a1b"));
    }

    @Test
    void eventsListFiltersByAgentTypeAndSince() {
        Instant now = api.clock.instant();
        for (String id : List.of("a1", "a2")) {
            api.enrolled(id, "Sở Nội vụ", "internal-workstation", id.equals("a1") ? "1a" : "2a");
        }
        List<NewEvent> a1 = new ArrayList<>();
        for (int hoursAgo = 5; hoursAgo >= 1; hoursAgo--) {
            a1.add(new NewEvent(6 - hoursAgo, now.minus(Duration.ofHours(hoursAgo)), "usb.connected", 3, "{\"vendor\":\"0781\"}"));
        }
        api.database.events().storeBatches(List.of(new AgentBatch("a1", a1),
                new AgentBatch("a2", List.of(new NewEvent(1, now.minusSeconds(60), "software.installed", 1, "{}")))), now);

        // The ctl's clock is the test's clock, so --since 150m means "the last two a1 events and a2's".
        CtlRun run = CtlRun.run(api.clock, "events", "list", "--agent", "a1", "--type", "usb.connected", "--since", "150m",
                "--data-dir", dir.toString(), "--api", api.base(), "--session-file", session.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = run.out().lines().toList();
        assertEquals(3, rows.size(), run.out());
        assertTrue(rows.get(1).contains(" a1 ") && rows.get(1).contains(" medium ") && rows.get(1).contains("{\"vendor\":\"0781\"}"),
                run.out());
        assertTrue(rows.get(1).contains(now.minus(Duration.ofHours(2)).toString()), run.out());
    }

    @Test
    void eventsListTellsHowToGetTheNextPage() {
        Instant now = api.clock.instant();
        api.enrolled("a1", "Sở Nội vụ", "internal-workstation", "1a");
        api.database.events().storeBatches(List.of(new AgentBatch("a1", List.of(
                new NewEvent(1, now, "usb.connected", 2, "{}"), new NewEvent(2, now, "usb.connected", 2, "{}")))), now);

        CtlRun run = ctl("events", "list", "--limit", "1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("add --after 1 for the next page"), run.out());
    }

    @Test
    void anUnreadableSinceIsAUsageError() {
        CtlRun run = ctl("events", "list", "--since", "yesterday");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--since must be a duration back from now"), run.err());
    }

    @Test
    void aConnectionRefusedSaysTheServerIsNotRunning() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        // login needs no saved session, so nothing stands between the command and the connection.
        CtlRun run = CtlRun.run(Clock.systemUTC(), "login", "--user", "admin", "--password-file", dir.resolve("password").toString(),
                "--totp-code", "123456", "--data-dir", dir.toString(), "--api", "https://127.0.0.1:" + closedPort);

        assertEquals(1, run.exitCode());
        assertEquals("canhgacctl: cannot reach the Canh Gác API at https://127.0.0.1:" + closedPort
                + ": is `canhgac-server run` running?\n", run.err());
    }

    @Test
    void aServerWithACertificateOfAnotherCaIsNotTrusted() throws IOException {
        Path other = dir.resolve("other-server");
        CertificateAuthority.create(other.resolve("pki"), "Other", Clock.systemUTC(), new SecureRandom());

        CtlRun run = CtlRun.run(Clock.systemUTC(), "agent", "list", "--data-dir", other.toString(), "--api", api.base(), "--session-file",
                session.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: TLS with the Canh Gác API at " + api.base() + " failed"), run.err());
    }

    @Test
    void withoutASessionTheCommandSaysToLogIn() throws IOException {
        Files.delete(session);

        CtlRun run = ctl("agent", "list");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: not logged in: run `canhgacctl login --user NAME` first"), run.err());
        assertTrue(run.err().contains(session.toString()), run.err());
    }

    @Test
    void anExpiredSessionIsRefusedSayingToLogInAgain() {
        api.clock.advance(ApiFixture.SETTINGS.sessionLifetime());

        CtlRun run = ctl("agent", "list");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("this session expired at"), run.err());
        assertTrue(run.err().contains("canhgacctl login --user admin"), run.err());
        assertTrue(run.err().strip().endsWith("(HTTP 401)"), run.err());
    }

    @Test
    void loginKeepsTheSessionInAnOwnerOnlyFileAndLogoutEndsIt() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(session, LinkOption.NOFOLLOW_LINKS));

        CtlRun whoami = ctl("whoami");
        CtlRun logout = ctl("logout");
        CtlRun after = ctl("agent", "list");

        assertEquals("admin (admin), every unit; session until", whoami.out().substring(0, whoami.out().indexOf(" 20")));
        assertEquals(0, logout.exitCode(), logout.err());
        assertFalse(Files.exists(session));
        assertTrue(after.err().contains("not logged in"), after.err());
    }

    @Test
    void aLoginWithTheTotpSecretFileComputesTheCode() throws IOException {
        Path secret = dir.resolve("totp-secret");
        Files.writeString(secret, Totp.base32(api.database.accounts().find("admin").orElseThrow().totpSecret()) + "\n");
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));

        CtlRun run = CtlRun.run(api.clock, "login", "--user", "admin", "--password-file", dir.resolve("password").toString(), "--totp-secret-file",
                secret.toString(), "--data-dir", dir.toString(), "--api", api.base(), "--session-file", session.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Logged in to " + api.base() + " as admin (admin)."), run.out());
    }

    @Test
    void aWrongCodeFailsTheLoginWithTheServersOneAnswer() {
        CtlRun run = ctl("login", "--user", "admin", "--password-file", dir.resolve("password").toString(), "--totp-code", "000000");

        assertEquals(1, run.exitCode());
        assertEquals("canhgacctl: the username, password or second-factor code was not accepted (HTTP 401)\n", run.err());
    }

    @Test
    void unitsAreCreatedAndShownAsATree() {
        assertEquals(0, ctl("unit", "create", "Phòng An ninh", "--parent", "Sở Nội vụ").exitCode());
        assertEquals(0, ctl("unit", "create", "Tổ 1", "--parent", "Phòng An ninh").exitCode());
        assertEquals(0, ctl("unit", "create", "Văn phòng", "--parent", "Sở Nội vụ").exitCode());

        CtlRun list = ctl("unit", "list");

        assertEquals(List.of("Sở Nội vụ", "├── Phòng An ninh", "│   └── Tổ 1", "└── Văn phòng", "UBND xã Tân Lập"), list.out().lines().toList());
    }

    @Test
    void aUserIsCreatedWithTheirSecondFactorAndCanLogIn() throws IOException {
        CtlRun created = ctl("user", "create", "lan", "--role", "security-officer", "--unit", "Sở Nội vụ", "--password-file",
                dir.resolve("password").toString());

        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().contains("  otpauth://totp/Canh%20Gac:lan?secret="), created.out());
        assertEquals(10, created.out().lines().filter(line -> line.matches("  [a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}")).count(),
                created.out());
        CtlRun login = loginAs("lan");
        assertEquals(0, login.exitCode(), login.err());
        CtlRun forbidden = ctl("user", "list");
        assertEquals(1, forbidden.exitCode());
        assertTrue(forbidden.err().contains("may not list accounts") && forbidden.err().contains("(HTTP 403)"), forbidden.err());
    }

    @Test
    void lockAndUnlockShowUpInTheUserList() {
        api.accounts.create("admin", "lan", Role.INSPECTOR, List.of("Sở Nội vụ"), ApiFixture.PASSWORD);

        assertEquals(0, ctl("user", "lock", "lan", "--reason", "on leave").exitCode());
        String locked = ctl("user", "list").out();
        assertEquals(0, ctl("user", "unlock", "lan").exitCode());
        String unlocked = ctl("user", "list").out();

        assertTrue(locked.lines().anyMatch(line -> line.startsWith("lan ") && !line.contains(" no ")), locked);
        assertTrue(unlocked.lines().anyMatch(line -> line.startsWith("lan ") && line.contains(" no ")), unlocked);
    }

    @Test
    void agentMoveMovesTheAgent() {
        api.units.create("Phòng An ninh", java.util.Optional.of("Sở Nội vụ"));
        api.enrolled("a1", "Sở Nội vụ", "secret-workstation", "0a1b");

        CtlRun run = ctl("agent", "move", "a1", "--unit", "Phòng An ninh");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Moved agent a1 to \"Phòng An ninh\".\n", run.out());
        assertEquals("Phòng An ninh", api.agents.find("a1").orElseThrow().agent().unit());
    }

    @Test
    void auditListShowsTheActionsAndVerifyPassesOnAnIntactLog() {
        ctl("token", "create", "--unit", "Sở Nội vụ", "--role", "mdm-host");

        CtlRun list = ctl("audit", "list");
        CtlRun verify = ctl("audit", "verify");

        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(line -> line.contains(" admin ") && line.contains(" token.issued ")), list.out());
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().startsWith("The audit log is intact: "), verify.out());
    }

    @Test
    void auditVerifyExitsNonZeroNamingAnEditedEntry() throws SQLException {
        sql("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");

        CtlRun verify = ctl("audit", "verify");

        assertEquals(1, verify.exitCode());
        assertEquals("canhgacctl: the audit log is broken at entry 2: its content does not match its hash: the entry was edited"
                + " (entries 1..1 are intact)\n", verify.err());
    }

    @Test
    void auditVerifyNamesADeletedEntry() throws SQLException {
        sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 1");

        CtlRun verify = ctl("audit", "verify");

        assertEquals(1, verify.exitCode());
        assertTrue(verify.err().startsWith("canhgacctl: the audit log is broken at entry 2: expected entry 1 but found entry 2"), verify.err());
    }

    @Test
    void auditVerifyNamesASwappedPair() throws SQLException {
        sql("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET seq = -1 WHERE seq = 1", "UPDATE audit_log SET seq = 1 WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = -1");

        CtlRun verify = ctl("audit", "verify", "--json");

        assertEquals(1, verify.exitCode());
        assertTrue(verify.out().contains("\"intact\":false") && verify.out().contains("\"firstBadSeq\":1"), verify.out());
        assertTrue(verify.err().startsWith("canhgacctl: the audit log is broken at entry 1: its prev_hash is not the genesis hash"), verify.err());
    }

    @Test
    void anApiAddressThatIsNotHttpsIsAUsageError() {
        CtlRun run = CtlRun.run(Clock.systemUTC(), "agent", "list", "--data-dir", dir.toString(), "--api", "http://127.0.0.1:8443");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--api must be https://HOST:PORT"), run.err());
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        CtlRun help = CtlRun.run(Clock.systemUTC(), "token", "create", "--help");
        CtlRun version = CtlRun.run(Clock.systemUTC(), "--version");
        CtlRun subcommandVersion = CtlRun.run(Clock.systemUTC(), "agent", "list", "--version");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--unit=UNIT"), help.out());
        assertTrue(help.out().contains("--data-dir=DIR"), help.out());
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("canhgacctl "), version.out());
        assertEquals(version.out(), subcommandVersion.out());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CtlRun run = CtlRun.run(Clock.systemUTC(), "token", "create", "--role", "mdm-host", "--data-dir", dir.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--unit"), run.err());
    }

    /** Logs in as the account through the CLI, with a password file and the current TOTP code. */
    private CtlRun loginAs(String username) throws IOException {
        Path password = dir.resolve("password");
        Files.writeString(password, ApiFixture.PASSWORD + "\n", StandardCharsets.UTF_8);
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        return ctl("login", "--user", username, "--password-file", password.toString(), "--totp-code", api.totpCode(username));
    }

    private CtlRun ctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--api", api.base(), "--session-file", session.toString()));
        return CtlRun.run(Clock.systemUTC(), all.toArray(String[]::new));
    }

    private void sql(String... statements) throws SQLException {
        RawSql.execute(api.paths.database(), statements);
    }
}
