package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.api.ApiFixture;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.policy.PolicyDocuments;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.testing.TestUnits;

/** {@code canhgacctl policy …} in-process against a real admin API on 127.0.0.1, logged in as the admin. */
class CtlPolicyTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private Path session;

    @BeforeEach
    void start() throws IOException {
        api = ApiFixture.start(dir.resolve("server"));
        session = dir.resolve("session");
        Path password = dir.resolve("password");
        Files.writeString(password, ApiFixture.PASSWORD + "\n", StandardCharsets.UTF_8);
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        CtlRun login = ctl("login", "--user", ApiFixture.ADMIN, "--password-file", password.toString(), "--totp-code",
                api.totpCode(ApiFixture.ADMIN));
        assertEquals(0, login.exitCode(), login.err());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void validatePrintsTheFileLineAndFieldOfTheProblemWithoutAServer() throws IOException {
        Path broken = file("broken.yaml", PolicyDocuments.text("co-ban", "blok"));

        CtlRun run = CtlRun.run(Clock.systemUTC(), "policy", "validate", broken.toString());

        assertEquals(1, run.exitCode());
        assertEquals(broken + ":7: field usb.storage: usb.storage must be one of block, read-only, allow (got \"blok\")",
                run.err().strip());
    }

    @Test
    void validateSaysWhatAValidFileSets() throws IOException {
        Path valid = file("ok.yaml", PolicyDocuments.text("co-ban", "read-only"));

        CtlRun run = CtlRun.run(Clock.systemUTC(), "policy", "validate", valid.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(valid + ": valid policy co-ban (usb.storage read-only"), run.out());
    }

    @Test
    void publishRefusesABrokenFileByItsLineAndStoresNothing() throws IOException {
        Path broken = file("broken.yaml", PolicyDocuments.text("co-ban", "blok"));

        CtlRun run = ctl("policy", "publish", broken.toString(), "--comment", "thử");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(broken + ":7: field usb.storage"), run.err());
        assertTrue(api.policies.policies().isEmpty());
    }

    @Test
    void publishAssignShowAndEffectiveWorkTogether() throws IOException {
        Instant now = api.clock.instant();
        api.database.agents().insert(AgentRecord.enrolled("a1", TestUnits.SO_NOI_VU, "mdm-host", "1a", now.plus(Duration.ofDays(9)), now));
        Path policy = file("co-ban.yaml", PolicyDocuments.text("co-ban", "block"));

        CtlRun published = ctl("policy", "publish", policy.toString(), "--comment", "Chính sách cơ bản");
        CtlRun assigned = ctl("policy", "assign", "co-ban", "--unit", TestUnits.SO_NOI_VU);
        CtlRun list = ctl("policy", "list");
        CtlRun history = ctl("policy", "history", "co-ban");
        CtlRun document = ctl("policy", "show", "co-ban", "--document");
        CtlRun effective = ctl("policy", "effective", "a1");
        CtlRun lagging = ctl("policy", "lagging", "--json");
        CtlRun unassigned = ctl("policy", "unassign", "--unit", TestUnits.SO_NOI_VU);

        assertEquals(0, published.exitCode(), published.err());
        assertTrue(published.out().startsWith("Published co-ban revision 1 as bundle version 1"), published.out());
        assertTrue(assigned.out().contains("Assigned co-ban to \"Sở Nội vụ\" for every role"), assigned.out());
        assertTrue(list.out().contains("co-ban") && list.out().contains("Chính sách cơ bản"), list.out());
        assertTrue(history.out().contains("assigned to \"Sở Nội vụ\" for every role"), history.out());
        assertEquals(PolicyDocuments.text("co-ban", "block"), document.out());
        assertTrue(effective.out().contains("co-ban revision 1 (bundle version 1)"), effective.out());
        assertTrue(effective.out().contains("lagging:     yes"), effective.out());
        assertTrue(lagging.out().contains("\"agentId\":\"a1\""), lagging.out());
        assertTrue(unassigned.out().startsWith("Removed the assignment of co-ban"), unassigned.out());
    }

    @Test
    void assigningToAnUnknownUnitIsOneLineOnStderr() throws IOException {
        ctl("policy", "publish", file("p.yaml", PolicyDocuments.text("co-ban", "block")).toString(), "--comment", "x");

        CtlRun run = ctl("policy", "assign", "co-ban", "--unit", "Sở Tư pháp");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: unit \"Sở Tư pháp\" does not exist"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private CtlRun ctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("server").toString(), "--api", api.base(), "--session-file", session.toString()));
        return CtlRun.run(Clock.systemUTC(), all.toArray(String[]::new));
    }
}
