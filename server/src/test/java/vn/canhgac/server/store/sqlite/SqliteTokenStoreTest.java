package vn.canhgac.server.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.store.sqlite.Fixtures.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.testing.TestUnits;

class SqliteTokenStoreTest {
    @TempDir
    Path dir;

    private SqliteDatabase db;
    private SqliteTokenStore tokens;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
        tokens = db.tokens();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void insertedTokenIsFoundWithEveryField() {
        TestUnits.add(db.units(), "Phường Ba Đình");
        EnrollmentToken token = new EnrollmentToken("t1", "hash-1", "Phường Ba Đình", "mdm-host", T0, T0.plusSeconds(600),
                Optional.of(T0.plusSeconds(60)), Optional.of("agent-1"), Optional.empty());

        tokens.insert(token);

        assertEquals(Optional.of(token), tokens.find("t1"));
        assertEquals(Optional.empty(), tokens.find("t2"));
    }

    @Test
    void listShowsNewestFirst() {
        EnrollmentToken older = Fixtures.token("older", "hash-1");
        EnrollmentToken newer = EnrollmentToken.fresh("newer", "hash-2", "Sở Nội vụ", "mdm-host", T0.plusSeconds(1), T0.plusSeconds(3600));
        tokens.insert(older);
        tokens.insert(newer);

        assertEquals(List.of(newer, older), tokens.list());
    }

    @Test
    void insertingATokenIdTwiceFailsNamingTheTokenAndKeepsTheFirst() {
        tokens.insert(Fixtures.token("t1", "hash-1"));

        StoreException error = assertThrows(StoreException.class, () -> tokens.insert(Fixtures.token("t1", "hash-2")));

        assertTrue(error.getMessage().contains("enrolment token t1"), error.getMessage());
        assertEquals("hash-1", tokens.find("t1").orElseThrow().secretHash());
    }

    @Test
    void redeemingAFreshTokenMarksItUsedByTheAgent() {
        tokens.insert(Fixtures.token("t1", "hash-1"));
        Instant now = T0.plusSeconds(30);

        TokenRedemption outcome = tokens.redeem("hash-1", "agent-1", now);

        EnrollmentToken used = assertInstanceOf(TokenRedemption.Redeemed.class, outcome).token();
        assertEquals(Optional.of(now), used.usedAt());
        assertEquals(Optional.of("agent-1"), used.usedByAgentId());
        assertEquals(Optional.of(used), tokens.find("t1"));
    }

    @Test
    void unknownSecretIsReportedAsUnknown() {
        tokens.insert(Fixtures.token("t1", "hash-1"));

        assertInstanceOf(TokenRedemption.Unknown.class, tokens.redeem("hash-of-something-else", "agent-1", T0));
    }

    @Test
    void reusedTokenIsRefusedWithTheTimeItWasUsed() {
        tokens.insert(Fixtures.token("t1", "hash-1"));
        Instant first = T0.plusSeconds(10);
        tokens.redeem("hash-1", "agent-1", first);

        TokenRedemption second = tokens.redeem("hash-1", "agent-2", T0.plusSeconds(20));

        assertEquals(new TokenRedemption.AlreadyUsed(first), second);
        assertEquals(Optional.of("agent-1"), tokens.find("t1").orElseThrow().usedByAgentId());
    }

    @Test
    void tokenPresentedAtOrAfterItsExpiryIsRefusedWithTheExpiryTime() {
        EnrollmentToken token = Fixtures.token("t1", "hash-1");
        tokens.insert(token);

        assertEquals(new TokenRedemption.Expired(token.expiresAt()), tokens.redeem("hash-1", "agent-1", token.expiresAt()));
        assertEquals(new TokenRedemption.Expired(token.expiresAt()),
                tokens.redeem("hash-1", "agent-1", token.expiresAt().plus(Duration.ofDays(1))));
        assertEquals(Optional.empty(), tokens.find("t1").orElseThrow().usedAt());
    }

    @Test
    void tokenPresentedOneMillisecondBeforeExpiryIsRedeemed() {
        EnrollmentToken token = Fixtures.token("t1", "hash-1");
        tokens.insert(token);

        assertInstanceOf(TokenRedemption.Redeemed.class, tokens.redeem("hash-1", "agent-1", token.expiresAt().minusMillis(1)));
    }

    @Test
    void revokedTokenIsRefusedWithTheRevocationTime() {
        tokens.insert(Fixtures.token("t1", "hash-1"));
        Instant revokedAt = T0.plusSeconds(5);
        assertTrue(tokens.revoke("t1", revokedAt));

        assertEquals(new TokenRedemption.Revoked(revokedAt), tokens.redeem("hash-1", "agent-1", T0.plusSeconds(6)));
    }

    @Test
    void revokeIsRefusedForUnknownUsedAndAlreadyRevokedTokens() {
        tokens.insert(Fixtures.token("used", "hash-1"));
        tokens.insert(Fixtures.token("revoked", "hash-2"));
        tokens.redeem("hash-1", "agent-1", T0.plusSeconds(1));
        tokens.revoke("revoked", T0.plusSeconds(1));

        assertFalse(tokens.revoke("unknown", T0.plusSeconds(2)));
        assertFalse(tokens.revoke("used", T0.plusSeconds(2)));
        assertFalse(tokens.revoke("revoked", T0.plusSeconds(2)));
        assertEquals(Optional.empty(), tokens.find("used").orElseThrow().revokedAt());
        assertEquals(Optional.of(T0.plusSeconds(1)), tokens.find("revoked").orElseThrow().revokedAt());
    }

    @Test
    void concurrentRedemptionOfOneTokenFromEightThreadsRedeemsItExactlyOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Many rounds, because a lost race shows only when the threads happen to interleave badly.
            for (int round = 0; round < 100; round++) {
                String secretHash = "hash-" + round;
                tokens.insert(Fixtures.token("t" + round, secretHash));
                List<TokenRedemption> results = raceToRedeem(pool, threads, secretHash);

                List<TokenRedemption.Redeemed> winners = results.stream()
                        .filter(TokenRedemption.Redeemed.class::isInstance).map(TokenRedemption.Redeemed.class::cast).toList();
                assertEquals(1, winners.size(), "round " + round + " outcomes: " + results);
                assertEquals(threads - 1, results.stream().filter(TokenRedemption.AlreadyUsed.class::isInstance).count());
                assertEquals(winners.getFirst().token().usedByAgentId(), tokens.find("t" + round).orElseThrow().usedByAgentId());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<TokenRedemption> raceToRedeem(ExecutorService pool, int threads, String secretHash) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TokenRedemption>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String agentId = "agent-" + i;
            outcomes.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return tokens.redeem(secretHash, agentId, T0.plusSeconds(1));
            }));
        }
        ready.await();
        go.countDown();
        List<TokenRedemption> results = new ArrayList<>();
        for (Future<TokenRedemption> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }
}
