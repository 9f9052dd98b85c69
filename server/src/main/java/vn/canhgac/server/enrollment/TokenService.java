package vn.canhgac.server.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.store.TokenStore;
import vn.canhgac.server.units.UnitService;

/**
 * Issues, lists, revokes and redeems one-time enrolment tokens.
 *
 * <p>The secret is shown once, in {@link IssuedToken}; only its SHA-256 is stored, so a copy
 * of the database does not let anyone enrol a machine. A plain hash is enough (no slow KDF):
 * the secret has 256 random bits, so there is nothing to guess.
 */
public final class TokenService {
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    public static final Set<String> ROLES =
            Set.of("secret-workstation", "internal-workstation", "internet-workstation", "mdm-host");
    public static final Duration MIN_VALIDITY = Duration.ofMinutes(1);
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);

    private static final int SECRET_BYTES = 32;
    private static final int ID_BYTES = 6;

    private final TokenStore store;
    private final UnitService units;
    private final Clock clock;
    private final SecureRandom random;

    public TokenService(TokenStore store, UnitService units, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.units = Objects.requireNonNull(units, "units");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A newly created token and its secret; the secret is not stored and cannot be shown again. */
    public record IssuedToken(EnrollmentToken token, String secret) {
        public IssuedToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(secret, "secret");
        }

        /** Keeps the secret out of logs and exception messages. */
        @Override
        public String toString() {
            return "IssuedToken[token=" + token + ", secret=<hidden>]";
        }
    }

    /**
     * Creates a token for one machine of the existing {@code unit} with {@code role}, valid for {@code validity}.
     *
     * @throws IllegalArgumentException naming the broken condition if any argument is invalid or the unit does not exist
     */
    public IssuedToken create(String unit, String role, Duration validity) {
        String normalizedUnit = units.requireExisting(unit);
        requireRole(role);
        requireValidity(validity);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(SECRET_BYTES));
        String id = HexFormat.of().formatHex(randomBytes(ID_BYTES));
        // The store keeps milliseconds; truncating here makes the returned token equal the stored one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EnrollmentToken token = EnrollmentToken.fresh(id, hash(secret), normalizedUnit, role, now,
                now.plus(validity).truncatedTo(ChronoUnit.MILLIS));
        store.insert(token);
        log.info("event=enrollment_token_created id={} unit=\"{}\" role={} expiresAt={}", id, normalizedUnit, role, token.expiresAt());
        return new IssuedToken(token, secret);
    }

    public Optional<EnrollmentToken> find(String id) {
        return store.find(Objects.requireNonNull(id, "id"));
    }

    public List<EnrollmentToken> list() {
        return store.list();
    }

    /** Revokes an unused token; false if it is unknown, already used or already revoked. */
    public boolean revoke(String id) {
        Objects.requireNonNull(id, "id");
        boolean revoked = store.revoke(id, clock.instant());
        log.info("event=enrollment_token_revoke id={} revoked={}", id, revoked);
        return revoked;
    }

    /** Redeems the token whose secret this is, for {@code agentId}; only one caller ever gets {@code Redeemed}. */
    public TokenRedemption redeem(String secret, String agentId) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(agentId, "agentId");
        TokenRedemption outcome = store.redeem(hash(secret), agentId, clock.instant());
        log.info("event=enrollment_token_redeem agent={} outcome={}", agentId, outcome.getClass().getSimpleName());
        return outcome;
    }

    /** SHA-256 of the secret's UTF-8 bytes, lower-case hex: the only form in which a secret is stored. */
    public static String hash(String secret) {
        return Fingerprints.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireRole(String role) {
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + String.join(", ", ROLES.stream().sorted().toList())
                    + " (got " + (role == null ? "nothing" : "\"" + role + "\"") + ")");
        }
    }

    private static void requireValidity(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be between 1 minute and 30 days (got " + validity + ")");
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
