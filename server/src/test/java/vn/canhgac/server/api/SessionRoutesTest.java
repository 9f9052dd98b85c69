package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.error;
import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.testing.TestUnits;

/** Logging in over the API: second factor, lock-out, replay, recovery codes, expiry, logout, password changes. */
class SessionRoutesTest {
    private static final String GENERIC = "the username, password or second-factor code was not accepted";

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        api.accounts.create(ApiFixture.ADMIN, "lan", Role.SECURITY_OFFICER, List.of(TestUnits.SO_NOI_VU), ApiFixture.PASSWORD);
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aLoginWithPasswordAndTotpCodeGivesASessionThatWorks() throws Exception {
        HttpResponse<String> login = login("lan", ApiFixture.PASSWORD, "totpCode", api.totpCode("lan"));

        assertEquals(201, login.statusCode(), login.body());
        JsonNode session = json(login);
        assertEquals("security-officer", session.get("role").textValue());
        assertEquals(List.of(TestUnits.SO_NOI_VU), List.of(session.get("units").get(0).textValue()));
        assertEquals(30, session.get("idleMinutes").longValue());
        assertEquals(10, session.get("recoveryCodesLeft").intValue());
        HttpResponse<String> current = api.get("/api/v1/sessions/current", session.get("token").textValue());
        assertEquals(200, current.statusCode(), current.body());
        assertEquals("lan", json(current).get("username").textValue());
        assertEquals("login.succeeded", api.audited("login.succeeded").getLast().action());
        assertTrue(api.audited("login.succeeded").getLast().details().contains("\"method\":\"totp\""));
    }

    @Test
    void everyKindOfWrongLoginGetsTheSameAnswerButTheAuditLogKeepsTheReason() throws Exception {
        List<HttpResponse<String>> refused = List.of(
                login("nobody", ApiFixture.PASSWORD, "totpCode", "123456"),
                login("lan", "wrong password for lan", "totpCode", api.totpCode("lan")),
                login("lan", ApiFixture.PASSWORD, "totpCode", wrongCode()),
                api.send("POST", "/api/v1/sessions", "{\"username\":\"lan\",\"password\":\"" + ApiFixture.PASSWORD + "\"}", null));

        for (HttpResponse<String> response : refused) {
            assertEquals(401, response.statusCode(), response.body());
            assertEquals(GENERIC, error(response));
        }
        List<String> reasons = api.audited("login.failed").stream().map(AuditEntry::details).toList();
        assertTrue(reasons.get(0).contains("unknown_user") && reasons.get(1).contains("wrong_password")
                && reasons.get(2).contains("wrong_totp_code") && reasons.get(3).contains("missing_second_factor"), reasons.toString());
        assertFalse(String.join("", reasons).contains("wrong password for lan"), "passwords stay out of the audit log");
    }

    @Test
    void wrongTotpCodesLockTheAccountAfterTheLimitUntilAnAdminUnlocksIt() throws Exception {
        for (int i = 0; i < ApiFixture.SETTINGS.lockoutAttempts(); i++) {
            assertEquals(401, login("lan", ApiFixture.PASSWORD, "totpCode", wrongCode()).statusCode());
        }

        HttpResponse<String> locked = login("lan", ApiFixture.PASSWORD, "totpCode", api.totpCode("lan"));
        HttpResponse<String> lockedWrongPassword = login("lan", "not the password at all", "totpCode", api.totpCode("lan"));

        assertEquals(403, locked.statusCode(), locked.body());
        assertTrue(error(locked).startsWith("this account was locked at "), locked.body());
        assertTrue(error(locked).contains("canhgacctl user unlock lan"), locked.body());
        assertEquals(401, lockedWrongPassword.statusCode(), "only the right password learns that the account is locked");
        assertEquals(1, api.audited("user.locked").size());
        assertEquals("system", api.audited("user.locked").getFirst().actor());
        assertEquals(2, api.audited("login.refused").size());

        HttpResponse<String> unlocked = api.post("/api/v1/users/lan/unlock", "");
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        HttpResponse<String> again = login("lan", ApiFixture.PASSWORD, "totpCode", api.totpCode("lan"));

        assertEquals(200, unlocked.statusCode(), unlocked.body());
        assertEquals(ApiFixture.ADMIN, api.audited("user.unlocked").getFirst().actor());
        assertEquals(201, again.statusCode(), again.body());
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() throws Exception {
        for (int i = 0; i < ApiFixture.SETTINGS.lockoutAttempts() - 1; i++) {
            login("lan", "not the password at all", "totpCode", api.totpCode("lan"));
        }
        api.clock.advance(ApiFixture.SETTINGS.lockoutWindow());
        login("lan", "not the password at all", "totpCode", api.totpCode("lan"));

        assertEquals(201, login("lan", ApiFixture.PASSWORD, "totpCode", api.totpCode("lan")).statusCode());
        assertEquals(List.of(), api.audited("user.locked"));
    }

    @Test
    void aTotpCodeIsGoodForOneLoginOnly() throws Exception {
        String code = api.totpCode("lan");

        assertEquals(201, login("lan", ApiFixture.PASSWORD, "totpCode", code).statusCode());
        assertEquals(401, login("lan", ApiFixture.PASSWORD, "totpCode", code).statusCode());
        assertTrue(api.audited("login.failed").getLast().details().contains("totp_code_reused"));
    }

    @Test
    void aRecoveryCodeLogsInOnceInsteadOfTheApp() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/users", "{\"username\":\"minh\",\"role\":\"inspector\","
                + "\"units\":[\"Sở Nội vụ\"],\"password\":\"" + ApiFixture.PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode codes = json(created).get("recoveryCodes");
        assertEquals(10, codes.size());
        String code = codes.get(3).textValue().toUpperCase(java.util.Locale.ROOT);

        HttpResponse<String> first = login("minh", ApiFixture.PASSWORD, "recoveryCode", code);
        HttpResponse<String> second = login("minh", ApiFixture.PASSWORD, "recoveryCode", code);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(9, json(first).get("recoveryCodesLeft").intValue());
        assertEquals(401, second.statusCode());
        assertTrue(json(created).get("totpUri").textValue().startsWith("otpauth://totp/Canh%20Gac:minh?secret="));
        assertFalse(api.audited("user.created").getLast().details().contains(code.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void anIdleSessionIsRefusedAndTheRefusalIsAudited() throws Exception {
        String token = api.login("lan");
        api.clock.advance(ApiFixture.SETTINGS.sessionIdle());

        HttpResponse<String> response = api.get("/api/v1/agents", token);

        assertEquals(401, response.statusCode());
        assertTrue(error(response).contains("without use; log in again with `canhgacctl login --user lan`"), response.body());
        AuditEntry refused = api.audited("session.refused").getLast();
        assertEquals("lan", refused.actor());
        assertTrue(refused.details().contains("\"reason\":\"idle\""), refused.details());
    }

    @Test
    void anExpiredSessionIsRefusedEvenWhenInUseAndTheRefusalIsAudited() throws Exception {
        String token = api.login("lan");
        Duration step = ApiFixture.SETTINGS.sessionIdle().minusMinutes(1);
        int requests = 0;
        for (Duration used = Duration.ZERO; used.plus(step).compareTo(ApiFixture.SETTINGS.sessionLifetime()) < 0; used = used.plus(step)) {
            api.clock.advance(step);
            assertEquals(200, api.get("/api/v1/agents", token).statusCode());
            requests++;
        }
        api.clock.advance(step);

        HttpResponse<String> response = api.get("/api/v1/agents", token);

        assertTrue(requests > 10, "the session was kept busy");
        assertEquals(401, response.statusCode());
        assertTrue(error(response).startsWith("this session expired at"), response.body());
        assertTrue(api.audited("session.refused").getLast().details().contains("\"reason\":\"expired\""));
    }

    @Test
    void anUnknownTokenIsRefusedAndAuditedWithoutTheToken() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/agents", "made-up-token-3d9f");

        assertEquals(401, response.statusCode());
        AuditEntry refused = api.audited("session.refused").getLast();
        assertEquals("anonymous", refused.actor());
        assertFalse(refused.details().contains("made-up-token-3d9f"));
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String token = api.login("lan");

        assertEquals(204, api.send("DELETE", "/api/v1/sessions/current", null, token).statusCode());
        HttpResponse<String> after = api.get("/api/v1/agents", token);

        assertEquals(401, after.statusCode());
        assertTrue(error(after).startsWith("this session was ended at"), after.body());
        assertEquals("lan", api.audited("session.ended").getLast().actor());
    }

    @Test
    void lockingAnAccountEndsItsSessionsAtOnce() throws Exception {
        String token = api.login("lan");

        HttpResponse<String> lock = api.post("/api/v1/users/lan/lock", "{\"reason\":\"left the unit\"}");
        HttpResponse<String> selfLock = api.post("/api/v1/users/admin/lock", "");

        assertEquals(200, lock.statusCode(), lock.body());
        assertEquals("left the unit", json(lock).get("lockReason").textValue());
        assertEquals(401, api.get("/api/v1/agents", token).statusCode());
        assertEquals(409, selfLock.statusCode());
        assertTrue(api.audited("user.locked").getLast().details().contains("\"sessionsEnded\":1"));
    }

    @Test
    void anAccountChangesItsOwnPasswordAndItsOtherSessionsEnd() throws Exception {
        String other = api.login("lan");
        String token = api.login("lan");
        String next = "a brand new passphrase 2026";

        HttpResponse<String> wrong = api.send("PUT", "/api/v1/users/lan/password",
                "{\"current\":\"not it at all\",\"new\":\"" + next + "\"}", token);
        HttpResponse<String> someoneElse = api.send("PUT", "/api/v1/users/admin/password",
                "{\"current\":\"" + ApiFixture.PASSWORD + "\",\"new\":\"" + next + "\"}", token);
        HttpResponse<String> tooShort = api.send("PUT", "/api/v1/users/lan/password",
                "{\"current\":\"" + ApiFixture.PASSWORD + "\",\"new\":\"short\"}", token);
        HttpResponse<String> changed = api.send("PUT", "/api/v1/users/lan/password",
                "{\"current\":\"" + ApiFixture.PASSWORD + "\",\"new\":\"" + next + "\"}", token);

        assertEquals(403, wrong.statusCode());
        assertEquals(403, someoneElse.statusCode());
        assertEquals(400, tooShort.statusCode());
        assertEquals(204, changed.statusCode(), changed.body());
        assertEquals(401, api.get("/api/v1/agents", other).statusCode());
        assertEquals(200, api.get("/api/v1/agents", token).statusCode());
        api.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertEquals(201, login("lan", next, "totpCode", api.totpCode("lan")).statusCode());
        assertEquals("lan", api.audited("user.password_changed").getLast().actor());
    }

    @Test
    void aLoginBodyMustBeSmallAndWellFormed() throws Exception {
        assertEquals(400, api.send("POST", "/api/v1/sessions", "{\"username\":\"lan\",\"pasword\":\"x\"}", null).statusCode());
        assertEquals(400, api.send("POST", "/api/v1/sessions", "{\"username\":\"lan\",\"password\":\"x\",\"totpCode\":\"1\","
                + "\"recoveryCode\":\"2\"}", null).statusCode());
        assertEquals(413, api.send("POST", "/api/v1/sessions", "{\"username\":\"" + "x".repeat(5000) + "\"}", null).statusCode());
    }

    @Test
    void usersAreCreatedOnceWithTheirUnitsAndListedWithoutSecrets() throws Exception {
        String body = "{\"username\":\"Minh\",\"role\":\"inspector\",\"units\":[\"Sở Nội vụ\"],\"password\":\"" + ApiFixture.PASSWORD + "\"}";

        HttpResponse<String> created = api.post("/api/v1/users", body);
        HttpResponse<String> duplicate = api.post("/api/v1/users", body);
        HttpResponse<String> noUnits = api.post("/api/v1/users", "{\"username\":\"x\",\"role\":\"inspector\",\"password\":\""
                + ApiFixture.PASSWORD + "\"}");
        HttpResponse<String> list = api.get("/api/v1/users");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("minh", json(created).get("user").get("username").textValue());
        assertEquals(409, duplicate.statusCode());
        assertEquals(400, noUnits.statusCode());
        assertTrue(error(noUnits).contains("needs at least one unit"), noUnits.body());
        assertEquals(200, list.statusCode());
        assertEquals(3, json(list).get("users").size());
        assertFalse(list.body().contains("argon2"), list.body());
        assertFalse(list.body().contains(json(created).get("totpSecret").textValue()), list.body());
    }

    @Test
    void theOpenApiDocumentIsServedWithoutASession() {
        HttpResponse<String> response = api.send("GET", "/api/v1/openapi.yaml", null, null);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("openapi: 3."), response.body());
    }

    private String wrongCode() {
        String right = api.totpCode("lan");
        String wrong = right.equals("000000") ? "000001" : "000000";
        assertNotEquals(right, wrong);
        return wrong;
    }

    private HttpResponse<String> login(String username, String password, String codeField, String code) {
        return api.send("POST", "/api/v1/sessions", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\""
                + codeField + "\":\"" + code + "\"}", null);
    }
}
