package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Enrolment tokens. Implementations are thread-safe. */
public interface TokenStore {

    /** Stores a new token; its unit must exist. */
    void insert(EnrollmentToken token);

    Optional<EnrollmentToken> find(String id);

    /** All tokens, newest first. */
    List<EnrollmentToken> list();

    /** Revokes an unused token; false if the token is unknown, already used or already revoked. */
    boolean revoke(String id, Instant at);

    /**
     * Marks the token with this secret hash as used by {@code agentId}. Atomic: when several
     * callers race for one token, exactly one gets {@link TokenRedemption.Redeemed}.
     */
    TokenRedemption redeem(String secretHash, String agentId, Instant now);
}
