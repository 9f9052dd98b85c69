package vn.canhgac.server.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.enrollment.TokenService.IssuedToken;
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.units.UnitService;

class TokenServiceTest {
    private static final String UNIT = "Sở Nội vụ";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase db;
    private UnitService units;
    private TokenService service;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        units = new UnitService(db.units(), clock);
        units.create(UNIT, Optional.empty());
        service = new TokenService(db.tokens(), units, clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdTokenStoresOnlyTheHashOfItsSecret() {
        IssuedToken issued = service.create(UNIT, "secret-workstation", Duration.ofHours(1));

        assertTrue(issued.secret().matches("[A-Za-z0-9_-]{43}"), "32 bytes base64url without padding: " + issued.secret());
        assertTrue(issued.token().id().matches("[0-9a-f]{12}"), issued.token().id());
        EnrollmentToken stored = db.tokens().find(issued.token().id()).orElseThrow();
        assertEquals(issued.token(), stored);
        assertEquals(TokenService.hash(issued.secret()), stored.secretHash());
        assertFalse(stored.toString().contains(issued.secret()));
    }

    @Test
    void twoTokensNeverShareIdOrSecret() {
        IssuedToken first = service.create(UNIT, "mdm-host", Duration.ofHours(1));
        IssuedToken second = service.create(UNIT, "mdm-host", Duration.ofHours(1));

        assertFalse(first.secret().equals(second.secret()));
        assertFalse(first.token().id().equals(second.token().id()));
    }

    @Test
    void createdTokenExpiresAfterTheRequestedValidity() {
        IssuedToken issued = service.create(UNIT, "internet-workstation", Duration.ofDays(2));

        assertEquals(clock.instant(), issued.token().createdAt());
        assertEquals(clock.instant().plus(Duration.ofDays(2)), issued.token().expiresAt());
    }

    @Test
    void secretRedeemsOnceAndThenIsReportedAsUsedAtThatTime() {
        IssuedToken issued = service.create(UNIT, "internal-workstation", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(5));
        var usedAt = clock.instant();

        TokenRedemption first = service.redeem(issued.secret(), "agent-1");
        clock.advance(Duration.ofMinutes(1));
        TokenRedemption second = service.redeem(issued.secret(), "agent-2");

        assertEquals(Optional.of("agent-1"), assertInstanceOf(TokenRedemption.Redeemed.class, first).token().usedByAgentId());
        assertEquals(new TokenRedemption.AlreadyUsed(usedAt), second);
    }

    @Test
    void secretPresentedAfterTheValidityIsExpired() {
        IssuedToken issued = service.create(UNIT, "internal-workstation", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));

        assertEquals(new TokenRedemption.Expired(issued.token().expiresAt()), service.redeem(issued.secret(), "agent-1"));
    }

    @Test
    void revokedTokenCannotBeRedeemedAndIsRevokedOnlyOnce() {
        IssuedToken issued = service.create(UNIT, "internal-workstation", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(1));
        var revokedAt = clock.instant();

        assertTrue(service.revoke(issued.token().id()));
        assertFalse(service.revoke(issued.token().id()));
        assertEquals(new TokenRedemption.Revoked(revokedAt), service.redeem(issued.secret(), "agent-1"));
    }

    @Test
    void aWrongSecretIsUnknown() {
        service.create(UNIT, "internal-workstation", Duration.ofHours(1));

        assertInstanceOf(TokenRedemption.Unknown.class, service.redeem("not-the-secret", "agent-1"));
    }

    @Test
    void listShowsCreatedTokens() {
        IssuedToken first = service.create(UNIT, "mdm-host", Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(1));
        units.create("Phường Hoàn Kiếm", Optional.empty());
        IssuedToken second = service.create("Phường Hoàn Kiếm", "mdm-host", Duration.ofHours(1));

        assertEquals(List.of(second.token(), first.token()), service.list());
    }

    @Test
    void unitNamesThatBreakTheRuleAreRefusedNamingIt() {
        for (String bad : new String[] {"", "   ", "Sở/Nội vụ", "x".repeat(101), "unit\n"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> service.create(bad, "mdm-host", Duration.ofHours(1)), bad);
            assertTrue(error.getMessage().startsWith("unit must be 1 to 100 letters, digits, spaces"), error.getMessage());
        }
        assertEquals(List.of(), service.list());
    }

    @Test
    void aTokenForAUnitThatDoesNotExistIsRefusedSayingHowToCreateIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> service.create("Sở Tư pháp", "mdm-host", Duration.ofHours(1)));

        assertTrue(error.getMessage().startsWith("unit \"Sở Tư pháp\" does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains("canhgacctl unit create"), error.getMessage());
        assertEquals(List.of(), service.list());
    }

    @Test
    void unitWrittenWithCombiningAccentsIsStoredPrecomposed() {
        units.create("Phường Ba Đình", Optional.empty());
        String decomposed = Normalizer.normalize("Phường Ba Đình", Normalizer.Form.NFD);

        IssuedToken issued = service.create(decomposed, "mdm-host", Duration.ofHours(1));

        assertEquals("Phường Ba Đình", issued.token().unit());
        assertEquals(Normalizer.normalize("Phường Ba Đình", Normalizer.Form.NFC), issued.token().unit());
    }

    @Test
    void roleMustBeOneOfTheFourMachineRoles() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> service.create(UNIT, "laptop", Duration.ofHours(1)));

        assertEquals("role must be one of internal-workstation, internet-workstation, mdm-host, secret-workstation"
                + " (got \"laptop\")", error.getMessage());
    }

    @Test
    void validityMustBeBetweenOneMinuteAndThirtyDays() {
        service.create(UNIT, "mdm-host", Duration.ofMinutes(1));
        service.create(UNIT, "mdm-host", Duration.ofDays(30));

        for (Duration bad : new Duration[] {Duration.ofSeconds(59), Duration.ofDays(30).plusMillis(1), Duration.ofHours(-1)}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> service.create(UNIT, "mdm-host", bad));
            assertTrue(error.getMessage().startsWith("validity must be between 1 minute and 30 days"), error.getMessage());
        }
        assertEquals(2, service.list().size());
    }

    @Test
    void hashIsLowerCaseSha256HexOfTheUtf8Secret() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenService.hash("abc"));
    }

    @Test
    void issuedTokenNeverPrintsItsSecret() {
        IssuedToken issued = service.create(UNIT, "mdm-host", Duration.ofHours(1));

        assertFalse(issued.toString().contains(issued.secret()));
    }
}
