package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Server accounts, their recovery codes and their login counters. The counters change in single
 * statements, so that parallel guesses cannot slip past the lock-out. Implementations are thread-safe.
 */
public interface AccountStore {

    /** Stores a new account (its units must exist) with its recovery code hashes; false if the username is taken. */
    boolean insert(Account account, List<String> recoveryCodeHashes);

    Optional<Account> find(String username);

    /** All accounts, ordered by username. */
    List<Account> list();

    /**
     * Counts a failed login at {@code at}. A count whose first failure is at or before
     * {@code windowStart} starts again at 1. When the count reaches {@code limit} the account is
     * locked with {@code lockReason}. Returns the account as it is afterwards; empty if unknown.
     */
    Optional<Account> recordFailure(String username, Instant at, Instant windowStart, int limit, String lockReason);

    /**
     * Records a successful login: clears the failure count and, when a TOTP code was used, raises
     * the last accepted step to {@code totpStep}. False, and nothing changed, if the account is
     * locked or the step is not newer than the last one accepted (a replayed code).
     */
    boolean recordLogin(String username, Instant at, OptionalLong totpStep);

    /** Marks an unused recovery code as used; false if the account has no such unused code. */
    boolean useRecoveryCode(String username, String codeHash, Instant at);

    int unusedRecoveryCodes(String username);

    /** Locks the account; false if it is unknown or already locked. */
    boolean lock(String username, Instant at, String reason);

    /** Unlocks the account and clears its failure count; false if it is unknown or not locked. */
    boolean unlock(String username);

    void setPasswordHash(String username, String passwordHash);
}
