package vn.canhgac.server.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live and when repeated failures lock an account.
 *
 * @param sessionLifetime a session ends this long after login, however busy
 * @param sessionIdle     a session ends after this long without a request
 * @param lockoutAttempts failed logins (wrong password or code) that lock an account …
 * @param lockoutWindow   … when they fall within this time of the first one
 */
public record AccessSettings(Duration sessionLifetime, Duration sessionIdle, int lockoutAttempts, Duration lockoutWindow) {
    public AccessSettings {
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(lockoutWindow, "lockoutWindow");
        if (sessionIdle.compareTo(Duration.ofMinutes(1)) < 0 || sessionIdle.compareTo(sessionLifetime) > 0) {
            throw new IllegalArgumentException("the session idle timeout must be at least 1 minute and at most the session lifetime"
                    + " (got idle " + sessionIdle + ", lifetime " + sessionLifetime + ")");
        }
        if (sessionLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("the session lifetime must be at most 7 days (got " + sessionLifetime + ")");
        }
        if (lockoutAttempts < 1 || lockoutAttempts > 100) {
            throw new IllegalArgumentException("lockout attempts must be between 1 and 100 (got " + lockoutAttempts + ")");
        }
        if (lockoutWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the lockout window must be at least 1 minute (got " + lockoutWindow + ")");
        }
    }

    /** Sessions of 8 hours, ended after 30 idle minutes; 5 failures within 15 minutes lock the account. */
    public static AccessSettings defaults() {
        return new AccessSettings(Duration.ofHours(8), Duration.ofMinutes(30), 5, Duration.ofMinutes(15));
    }
}
