package vn.canhgac.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AccountStore;
import vn.canhgac.server.store.Session;
import vn.canhgac.server.store.SessionStore;

/**
 * Logins, sessions and password changes: everything that checks a credential.
 *
 * <p>A login needs the password and a second factor (a TOTP code, or one of the account's
 * one-time recovery codes). Every failure — unknown account, wrong password, wrong, missing or
 * replayed code — gets the same answer, so a guesser learns nothing about which part was wrong;
 * the audit log keeps the real reason. Failures of a known account are counted, and
 * {@link AccessSettings#lockoutAttempts} of them within {@link AccessSettings#lockoutWindow}
 * lock it until an admin unlocks it. A login returns a random bearer token; its session ends
 * {@link AccessSettings#sessionLifetime} after login, after {@link AccessSettings#sessionIdle}
 * without use, at logout, or when the account is locked.
 */
public final class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private static final String REFUSED = "the username, password or second-factor code was not accepted";
    /** Last-use times are written at most this often, so that a busy session does not write on every request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** Finished sessions are kept this long for investigation, then deleted at a later login. */
    private static final Duration KEEP_FINISHED = Duration.ofDays(30);

    /** What a person presents at login; exactly one of the codes is expected. */
    public record Credentials(String username, String password, Optional<String> totpCode, Optional<String> recoveryCode,
                              String remote) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(totpCode, "totpCode");
            Objects.requireNonNull(recoveryCode, "recoveryCode");
            Objects.requireNonNull(remote, "remote");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<hidden>, codes=<hidden>]";
        }
    }

    /** The result of a login. */
    public sealed interface Login {
        /** The token is shown once, to the caller; the store keeps only its hash. */
        record LoggedIn(String token, Session session, Principal principal, int recoveryCodesLeft) implements Login {
            @Override
            public String toString() {
                return "LoggedIn[principal=" + principal + ", token=<hidden>]";
            }
        }

        /** Wrong credentials of any kind: one answer for all. */
        record Refused() implements Login {}

        /** The right password for a locked account: the owner is told, and told what to do. */
        record Locked(Instant lockedAt, String reason) implements Login {}
    }

    /** The result of presenting a bearer token. */
    public sealed interface Authentication {
        record Authenticated(Principal principal, Session session) implements Authentication {}

        /** {@code reason} is one of missing, unknown, ended, expired, idle, locked. */
        record Refused(String reason, String message) implements Authentication {}
    }

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final AccessSettings settings;
    private final Clock clock;
    private final SecureRandom random;

    public SessionService(AccountStore accounts, SessionStore sessions, PasswordHasher hasher, AuditLog audit, AccessSettings settings,
                          Clock clock, SecureRandom random) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The one answer to every refused login, whatever was wrong. */
    public static String refusedMessage() {
        return REFUSED;
    }

    public AccessSettings settings() {
        return settings;
    }

    public Login login(Credentials credentials) {
        String username;
        try {
            username = AccountService.normalizeUsername(credentials.username());
        } catch (IllegalArgumentException e) {
            username = null;
        }
        Optional<Account> found = username == null ? Optional.empty() : accounts.find(username);
        if (found.isEmpty()) {
            hasher.verifyDecoy(credentials.password());
            String attempted = credentials.username().strip();
            audit.record("anonymous", "login.failed", "user:" + (attempted.length() > 64 ? attempted.substring(0, 64) : attempted),
                    Map.of("reason", "unknown_user", "remote", credentials.remote()));
            return new Login.Refused();
        }
        Account account = found.get();
        boolean passwordOk = hasher.verify(credentials.password(), account.passwordHash());
        if (account.locked()) {
            audit.record(account.username(), "login.refused", "user:" + account.username(),
                    Map.of("reason", "locked", "remote", credentials.remote()));
            return passwordOk ? new Login.Locked(account.lockedAt().orElseThrow(), account.lockReason().orElseThrow()) : new Login.Refused();
        }
        if (!passwordOk) {
            return refuse(account.username(), "wrong_password", credentials.remote());
        }
        Instant now = clock.instant();
        OptionalLong step = OptionalLong.empty();
        String method;
        if (credentials.recoveryCode().isPresent()) {
            method = "recovery_code";
            if (!accounts.useRecoveryCode(account.username(), Secrets.recoveryCodeHash(credentials.recoveryCode().get()), now)) {
                return refuse(account.username(), "wrong_recovery_code", credentials.remote());
            }
        } else if (credentials.totpCode().isPresent()) {
            method = "totp";
            step = Totp.match(account.totpSecret(), credentials.totpCode().get(), now);
            if (step.isEmpty()) {
                return refuse(account.username(), "wrong_totp_code", credentials.remote());
            }
        } else {
            return refuse(account.username(), "missing_second_factor", credentials.remote());
        }
        if (!accounts.recordLogin(account.username(), now, step)) {
            return refuse(account.username(), "totp_code_reused", credentials.remote());
        }
        String token = Secrets.newSessionToken(random);
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        Session session = new Session(Secrets.sha256(token), account.username(), created, created,
                created.plus(settings.sessionLifetime()), Optional.empty());
        sessions.insert(session);
        int deleted = sessions.deleteFinishedBefore(now.minus(KEEP_FINISHED));
        int codesLeft = accounts.unusedRecoveryCodes(account.username());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("remote", credentials.remote());
        details.put("recoveryCodesLeft", codesLeft);
        audit.record(account.username(), "login.succeeded", "user:" + account.username(), details);
        log.info("event=login.succeeded user={} method={} expiresAt={} oldSessionsDeleted={}", account.username(), method,
                session.expiresAt(), deleted);
        return new Login.LoggedIn(token, session, principal(account), codesLeft);
    }

    /** Checks a bearer token. Every refusal is audited with its reason. */
    public Authentication authenticate(String token, String remote) {
        if (token == null || token.isBlank()) {
            return refused("anonymous", "missing", remote, "this API needs a session: run `canhgacctl login --user NAME`"
                    + " (or POST /api/v1/sessions) and send the token as Authorization: Bearer TOKEN");
        }
        Optional<Session> found = sessions.find(Secrets.sha256(token.strip()));
        if (found.isEmpty()) {
            return refused("anonymous", "unknown", remote, "the session token was not accepted; log in again with"
                    + " `canhgacctl login --user NAME`");
        }
        Session session = found.get();
        Instant now = clock.instant();
        String again = "; log in again with `canhgacctl login --user " + session.username() + "`";
        if (session.endedAt().isPresent()) {
            return refused(session.username(), "ended", remote, "this session was ended at " + session.endedAt().get() + again);
        }
        if (!now.isBefore(session.expiresAt())) {
            return refused(session.username(), "expired", remote, "this session expired at " + session.expiresAt() + again);
        }
        if (!now.isBefore(session.lastUsedAt().plus(settings.sessionIdle()))) {
            return refused(session.username(), "idle", remote, "this session ended after " + settings.sessionIdle().toMinutes()
                    + " minutes without use" + again);
        }
        Optional<Account> account = accounts.find(session.username());
        if (account.isEmpty() || account.get().locked()) {
            return refused(session.username(), "locked", remote, "account " + session.username() + " is locked; an admin can unlock it"
                    + " with `canhgacctl user unlock " + session.username() + "`");
        }
        if (!now.isBefore(session.lastUsedAt().plus(TOUCH_EVERY))) {
            sessions.touch(session.tokenHash(), now);
        }
        return new Authentication.Authenticated(principal(account.get()), session);
    }

    /** Ends the session; false if it had ended already. */
    public boolean logout(Principal principal, Session session) {
        boolean ended = sessions.end(session.tokenHash(), clock.instant());
        if (ended) {
            audit.record(principal.username(), "session.ended", "user:" + principal.username(), Map.of("reason", "logout"));
        }
        return ended;
    }

    /**
     * Changes the caller's own password after checking the current one, and ends the account's
     * other sessions. A wrong current password counts as a failed login, so that a stolen
     * session cannot be used to guess the password.
     *
     * @return false if the current password was wrong
     * @throws IllegalArgumentException if the new password is not acceptable (checked first, counting nothing)
     */
    public boolean changePassword(Principal principal, Session session, String current, String next, String remote) {
        PasswordHasher.requireAcceptable(next);
        Account account = accounts.find(principal.username()).orElseThrow(() ->
                new IllegalStateException("account " + principal.username() + " disappeared during its own session"));
        if (!hasher.verify(current, account.passwordHash())) {
            refuse(account.username(), "wrong_current_password", remote);
            return false;
        }
        accounts.setPasswordHash(account.username(), hasher.hash(next));
        int ended = sessions.endAll(account.username(), clock.instant(), Optional.of(session.tokenHash()));
        audit.record(principal.username(), "user.password_changed", "user:" + account.username(), Map.of("sessionsEnded", ended));
        return true;
    }

    private Login refuse(String username, String reason, String remote) {
        Instant now = clock.instant();
        Optional<Account> after = accounts.recordFailure(username, now, now.minus(settings.lockoutWindow()),
                settings.lockoutAttempts(), settings.lockoutAttempts() + " failed logins within " + settings.lockoutWindow().toMinutes()
                        + " minutes");
        int attempts = after.map(Account::failedAttempts).orElse(0);
        audit.record(username, "login.failed", "user:" + username, Map.of("reason", reason, "remote", remote, "failedAttempts", attempts));
        // Only accounts that were not locked get here, so a lock now is this failure's doing.
        if (after.isPresent() && after.get().locked()) {
            int ended = sessions.endAll(username, now, Optional.empty());
            audit.record("system", "user.locked", "user:" + username,
                    Map.of("reason", after.get().lockReason().orElseThrow(), "sessionsEnded", ended));
            log.warn("event=account.locked user={} failedAttempts={}", username, attempts);
        }
        return new Login.Refused();
    }

    private Authentication refused(String actor, String reason, String remote, String message) {
        audit.record(actor, "session.refused", actor.equals("anonymous") ? "-" : "user:" + actor, Map.of("reason", reason, "remote", remote));
        return new Authentication.Refused(reason, message);
    }

    private static Principal principal(Account account) {
        return new Principal(account.username(), Role.parse(account.role()), account.units());
    }
}
