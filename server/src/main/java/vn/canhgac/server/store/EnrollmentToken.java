package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time enrolment token. Only the SHA-256 hash of its secret is ever stored; the secret
 * itself is shown once, when the token is created.
 */
public record EnrollmentToken(String id, String secretHash, String unit, String role, Instant createdAt,
                              Instant expiresAt, Optional<Instant> usedAt, Optional<String> usedByAgentId,
                              Optional<Instant> revokedAt) {
    public EnrollmentToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(usedByAgentId, "usedByAgentId");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("token " + id + ": expiresAt (" + expiresAt
                    + ") must be after createdAt (" + createdAt + ")");
        }
        if (usedAt.isPresent() != usedByAgentId.isPresent()) {
            throw new IllegalArgumentException("token " + id + ": usedAt and usedByAgentId must be both present or both absent");
        }
    }

    /** A token that has been neither used nor revoked yet. */
    public static EnrollmentToken fresh(String id, String secretHash, String unit, String role,
                                        Instant createdAt, Instant expiresAt) {
        return new EnrollmentToken(id, secretHash, unit, role, createdAt, expiresAt,
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
