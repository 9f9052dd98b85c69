package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person's server account as the store holds it.
 *
 * @param role           admin, security-officer or inspector
 * @param passwordHash   an Argon2id string, never the password
 * @param totpSecret     the RFC 6238 shared secret
 * @param totpLastStep   the last time step whose code was accepted (0 when none)
 * @param failedAttempts failed logins counted since {@code failuresSince}
 * @param units          the units (with their sub-units) an officer or inspector may see; empty for an admin
 */
public record Account(String username, String role, String passwordHash, byte[] totpSecret, long totpLastStep,
                      Instant createdAt, String createdBy, int failedAttempts, Optional<Instant> failuresSince,
                      Optional<Instant> lockedAt, Optional<String> lockReason, Optional<Instant> lastLoginAt,
                      Set<String> units) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        totpSecret = Objects.requireNonNull(totpSecret, "totpSecret").clone();
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(failuresSince, "failuresSince");
        Objects.requireNonNull(lockedAt, "lockedAt");
        Objects.requireNonNull(lockReason, "lockReason");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
        units = Set.copyOf(units);
        if (lockedAt.isPresent() != lockReason.isPresent()) {
            throw new IllegalArgumentException("account " + username + ": lockedAt and lockReason must be both present or both absent");
        }
    }

    /** A new account that has never logged in. */
    public static Account created(String username, String role, String passwordHash, byte[] totpSecret, Instant createdAt,
                                  String createdBy, Set<String> units) {
        return new Account(username, role, passwordHash, totpSecret, 0, createdAt, createdBy, 0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), units);
    }

    @Override
    public byte[] totpSecret() {
        return totpSecret.clone();
    }

    public boolean locked() {
        return lockedAt.isPresent();
    }

    /** Keeps the password hash and the TOTP secret out of logs and messages. */
    @Override
    public String toString() {
        return "Account[username=" + username + ", role=" + role + ", units=" + units + ", locked=" + locked() + "]";
    }
}
