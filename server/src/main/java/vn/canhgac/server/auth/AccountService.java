package vn.canhgac.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AccountStore;
import vn.canhgac.server.store.SessionStore;
import vn.canhgac.server.units.UnitService;

/**
 * Server accounts: creation (password, TOTP secret and recovery codes), locking, unlocking and
 * password changes. Every change is written to the audit log with the acting account.
 */
public final class AccountService {
    /** The issuer authenticator apps show beside the account name. */
    public static final String TOTP_ISSUER = "Canh Gac";
    /** The actor of actions taken on the server's own console ({@code canhgac-server init} and {@code unlock}). */
    public static final String CONSOLE = "console";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A just-created account with what its owner needs once: the TOTP enrolment and the recovery codes. */
    public record NewAccount(Account account, String totpUri, String totpSecret, List<String> recoveryCodes) {
        public NewAccount {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(totpUri, "totpUri");
            Objects.requireNonNull(totpSecret, "totpSecret");
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "NewAccount[account=" + account + ", totp=<hidden>, recoveryCodes=<hidden>]";
        }
    }

    /** The username is taken. */
    public static final class AccountExists extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AccountExists(String username) {
            super("an account named \"" + username + "\" exists already", null, false, false);
        }
    }

    private final AccountStore store;
    private final SessionStore sessions;
    private final UnitService units;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    public AccountService(AccountStore store, SessionStore sessions, UnitService units, PasswordHasher hasher, AuditLog audit,
                          Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.units = Objects.requireNonNull(units, "units");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates an account. An admin has no units; an officer or inspector needs at least one.
     *
     * @param actor who creates it: an admin's username, or {@link #CONSOLE}
     * @throws IllegalArgumentException naming what is wrong with the username, units or password
     * @throws AccountExists            if the username is taken
     */
    public NewAccount create(String actor, String username, Role role, Collection<String> unitNames, String password) {
        String name = normalizeUsername(username);
        Objects.requireNonNull(role, "role");
        Set<String> scope = new TreeSet<>();
        for (String unit : unitNames) {
            scope.add(units.requireExisting(unit));
        }
        if (role == Role.ADMIN && !scope.isEmpty()) {
            throw new IllegalArgumentException("an admin sees every unit; give units only to a security-officer or an inspector");
        }
        if (role != Role.ADMIN && scope.isEmpty()) {
            throw new IllegalArgumentException("a " + role.wire() + " needs at least one unit (its sub-units are included)");
        }
        PasswordHasher.requireAcceptable(password);
        byte[] secret = Totp.newSecret(random);
        List<String> recoveryCodes = Secrets.newRecoveryCodes(random);
        Account account = Account.created(name, role.wire(), hasher.hash(password), secret,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, scope);
        if (!store.insert(account, recoveryCodes.stream().map(Secrets::recoveryCodeHash).toList())) {
            throw new AccountExists(name);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", role.wire());
        details.put("units", List.copyOf(scope));
        audit.record(actor, "user.created", "user:" + name, details);
        return new NewAccount(account, Totp.uri(TOTP_ISSUER, name, secret), Totp.base32(secret), recoveryCodes);
    }

    public List<Account> list() {
        return store.list();
    }

    public Optional<Account> find(String username) {
        return store.find(username.strip().toLowerCase(Locale.ROOT));
    }

    public int unusedRecoveryCodes(String username) {
        return store.unusedRecoveryCodes(username);
    }

    /** Locks the account and ends its sessions; false if it was locked already. */
    public boolean lock(String actor, String username, String reason) {
        Instant now = clock.instant();
        boolean locked = store.lock(username, now, reason);
        if (locked) {
            int ended = sessions.endAll(username, now, Optional.empty());
            audit.record(actor, "user.locked", "user:" + username, Map.of("reason", reason, "sessionsEnded", ended));
        }
        return locked;
    }

    /** Unlocks the account and clears its failure count; false if it was not locked. */
    public boolean unlock(String actor, String username) {
        boolean unlocked = store.unlock(username);
        if (unlocked) {
            audit.record(actor, "user.unlocked", "user:" + username, Map.of());
        }
        return unlocked;
    }

    /**
     * The stored form of a username: lower case, 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.
     *
     * @throws IllegalArgumentException naming the accepted form
     */
    public static String normalizeUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a username must be 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter"
                    + " or digit (got \"" + (username == null ? "" : username) + "\")");
        }
        return name;
    }
}
