package vn.canhgac.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.policy.PolicyException;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.PolicyStore;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.RawSql;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.units.UnitService;

/** Effective policies, revisions and bundle versions over a real SQLite store. Units: Sở Nội vụ ⊃ Phòng An ninh ⊃ Tổ Mạng; UBND xã Tân Lập. */
class PolicyServiceTest {
    private static final String A = TestUnits.SO_NOI_VU;
    private static final String A_SUB = "Phòng An ninh";
    private static final String A_SUB_SUB = "Tổ Mạng";
    private static final String B = TestUnits.TAN_LAP;

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase database;
    private PolicyService policies;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(database.units(), A, B);
        UnitService units = new UnitService(database.units(), clock);
        units.create(A_SUB, Optional.of(A));
        units.create(A_SUB_SUB, Optional.of(A_SUB));
        policies = new PolicyService(database.policies(), units, SigningKeys.generate(new SecureRandom()), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theDeepestAssignmentWins() {
        publish("co-ban", "block");
        publish("phong-an-ninh", "read-only");
        policies.assign("admin", A, Optional.empty(), "co-ban");
        policies.assign("admin", A_SUB, Optional.empty(), "phong-an-ninh");

        assertEquals("phong-an-ninh", effectiveName(A_SUB_SUB, Roles.INTERNET_WORKSTATION));
        assertEquals("phong-an-ninh", effectiveName(A_SUB, Roles.INTERNET_WORKSTATION));
        assertEquals("co-ban", effectiveName(A, Roles.INTERNET_WORKSTATION));
        assertEquals(A_SUB, policies.snapshot().effective(A_SUB_SUB, Roles.MDM_HOST).orElseThrow().from().unit());
    }

    @Test
    void anAssignmentForTheRoleBeatsOneForEveryRoleAtTheSameLevel() {
        publish("co-ban", "block");
        publish("may-mat", "block");
        policies.assign("admin", A, Optional.empty(), "co-ban");
        policies.assign("admin", A, Optional.of(Roles.SECRET_WORKSTATION), "may-mat");

        assertEquals("may-mat", effectiveName(A_SUB, Roles.SECRET_WORKSTATION));
        assertEquals("co-ban", effectiveName(A_SUB, Roles.INTERNET_WORKSTATION));
    }

    @Test
    void aDeeperAssignmentForEveryRoleBeatsARoleAssignmentHigherUp() {
        publish("may-mat", "block");
        publish("phong-an-ninh", "allow");
        policies.assign("admin", A, Optional.of(Roles.SECRET_WORKSTATION), "may-mat");
        policies.assign("admin", A_SUB, Optional.empty(), "phong-an-ninh");

        assertEquals("phong-an-ninh", effectiveName(A_SUB, Roles.SECRET_WORKSTATION));
    }

    @Test
    void withoutAnAssignmentOnTheWayToTheRootThereIsNoEffectivePolicy() {
        publish("co-ban", "block");
        policies.assign("admin", A, Optional.empty(), "co-ban");

        assertTrue(policies.snapshot().effective(B, Roles.MDM_HOST).isEmpty());
    }

    @Test
    void anAssignmentFollowsThePolicysLatestRevision() {
        publish("co-ban", "block");
        policies.assign("admin", A, Optional.empty(), "co-ban");
        PolicyStore.Published second = publish("co-ban", "read-only");

        EffectivePolicy effective = policies.snapshot().effective(A, Roles.MDM_HOST).orElseThrow();
        assertEquals(2, effective.revision().revision());
        assertEquals(second.bundle().version(), policies.snapshot().newestVersion(effective));
    }

    @Test
    void eachPublishIsANewRevisionWithItsAuthorCommentAndDigest() {
        policies.publish("lan", PolicyDocuments.valid("co-ban", "block"), "lần đầu");
        clock.advance(Duration.ofMinutes(1));
        policies.publish("hoa", PolicyDocuments.valid("co-ban", "allow"), "mở USB");

        var revisions = policies.revisions("co-ban");
        assertEquals(List.of(1L, 2L), revisions.stream().map(r -> r.revision()).toList());
        assertEquals("hoa", revisions.get(1).author());
        assertEquals("mở USB", revisions.get(1).comment());
        assertEquals(Fingerprints.sha256Hex(PolicyDocuments.valid("co-ban", "allow")), revisions.get(1).sha256());
        assertEquals(PolicyDocuments.text("co-ban", "block"), PolicyService.text(policies.document("co-ban", 1).orElseThrow()));
    }

    @Test
    void storedRevisionsCannotBeChanged() {
        publish("co-ban", "block");

        java.sql.SQLException refused = assertThrows(java.sql.SQLException.class,
                () -> RawSql.execute(database.file(), "UPDATE policy_revisions SET comment = 'sửa lén'"));

        assertTrue(refused.getMessage().contains("immutable"), refused.getMessage());
    }

    @Test
    void aDocumentThatDoesNotValidateIsNotStored() {
        PolicyException refused = assertThrows(PolicyException.class,
                () -> policies.publish("lan", PolicyDocuments.valid("co-ban", "blok"), "lỗi"));

        assertEquals("usb.storage", refused.field());
        assertTrue(policies.policies().isEmpty());
    }

    @Test
    void aPublishWithoutACommentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> policies.publish("lan", PolicyDocuments.valid("co-ban", "block"), " "));
        assertTrue(policies.policies().isEmpty());
    }

    @Test
    void anAgentRunningAHigherVersionGetsTheRevisionReSignedAboveItOnceForAll() {
        PolicyStore.Published older = publish("phong-an-ninh", "allow");
        PolicyStore.Published newer = publish("co-ban", "block");
        policies.assign("admin", A, Optional.empty(), "co-ban");
        policies.assign("admin", A_SUB, Optional.empty(), "phong-an-ninh");
        // An agent moved from Sở Nội vụ (running co-ban, the newer bundle) into Phòng An ninh.
        PolicySnapshot snapshot = policies.snapshot();
        EffectivePolicy effective = snapshot.effective(A_SUB, Roles.MDM_HOST).orElseThrow();

        SignedPolicy reissued = snapshot.bundleAbove(effective, newer.bundle().version());
        SignedPolicy shared = policies.snapshot().bundleAbove(effective, newer.bundle().version());

        assertTrue(reissued.version() > newer.bundle().version(), reissued.version() + " > " + newer.bundle().version());
        assertEquals("phong-an-ninh", reissued.bundle().policy());
        assertEquals(older.revision().revision(), reissued.bundle().revision());
        assertEquals(reissued.version(), shared.version());
        assertEquals(List.of(older.bundle().version(), reissued.version()), policies.snapshot().bundleVersions(effective));
    }

    @Test
    void concurrentPublishesGetDistinctIncreasingVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PolicyStore.Published>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "p-" + (i % 3);
            futures.add(pool.submit(() -> policies.publish("lan", PolicyDocuments.valid(name, "block"), "song song")));
        }
        Set<Long> versions = new TreeSet<>();
        for (Future<PolicyStore.Published> future : futures) {
            versions.add(future.get().bundle().version());
        }
        pool.shutdown();

        assertEquals(12, versions.size());
        for (String name : List.of("p-0", "p-1", "p-2")) {
            var revisions = policies.revisions(name);
            assertEquals(List.of(1L, 2L, 3L, 4L), revisions.stream().map(r -> r.revision()).toList());
            // A later revision of a policy always has a higher bundle version.
            long previous = 0;
            for (var revision : revisions) {
                long version = database.policies().bundleVersions(name, revision.revision()).getFirst();
                assertTrue(version > previous, name + " revision " + revision.revision());
                previous = version;
            }
        }
    }

    @Test
    void anAgentLagsUntilItReportsABundleOfItsEffectiveRevision() {
        database.agents().insert(AgentRecord.enrolled("a1", A_SUB, Roles.MDM_HOST, "1a", clock.instant().plus(Duration.ofDays(365)),
                clock.instant()));
        PolicyStore.Published published = publish("co-ban", "block");
        policies.assign("admin", A, Optional.empty(), "co-ban");
        AgentRecord agent = database.agents().find("a1").orElseThrow();

        assertTrue(policies.agentPolicies(List.of(agent)).getFirst().lagging());
        database.policies().recordRunning(java.util.Map.of("a1", published.bundle().version()), clock.instant());
        PolicyService.AgentPolicy state = policies.agentPolicies(List.of(agent)).getFirst();

        assertEquals(published.bundle().version(), state.running().version());
        assertEquals(published.bundle().version(), state.effectiveVersion());
        assertTrue(!state.lagging());
    }

    @Test
    void afterARestoreFromBackupANewPublishIsNumberedAboveWhatAgentsReportRunning() {
        database.agents().insert(AgentRecord.enrolled("a1", A, Roles.MDM_HOST, "1a", clock.instant().plus(Duration.ofDays(365)),
                clock.instant()));
        // The restored file has never issued a bundle, but the agent runs version 40 from before the restore.
        database.policies().recordRunning(java.util.Map.of("a1", 40L), clock.instant());

        PolicyStore.Published published = publish("co-ban", "block");

        assertEquals(41, published.bundle().version(), "an agent accepts only versions above the one it runs");
        assertEquals(42, publish("co-ban", "allow").bundle().version(), "and the serial keeps increasing from there");
    }

    @Test
    void anAssignmentNeedsAnExistingPolicyAndAMachineRole() {
        publish("co-ban", "block");

        assertThrows(PolicyService.NoSuchPolicy.class, () -> policies.assign("admin", A, Optional.empty(), "khong-co"));
        assertThrows(IllegalArgumentException.class, () -> policies.assign("admin", A, Optional.of("laptop"), "co-ban"));
        assertThrows(IllegalArgumentException.class, () -> policies.assign("admin", "Sở Tư pháp", Optional.empty(), "co-ban"));
        assertTrue(policies.assignments().isEmpty());
    }

    private PolicyStore.Published publish(String name, String storage) {
        clock.advance(Duration.ofSeconds(1));
        return policies.publish("admin", PolicyDocuments.valid(name, storage), "thử");
    }

    private String effectiveName(String unit, String role) {
        return policies.snapshot().effective(unit, role).orElseThrow().revision().name();
    }
}
