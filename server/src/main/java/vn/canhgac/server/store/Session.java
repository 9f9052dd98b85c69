package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A login session; only the SHA-256 of its bearer token is stored. */
public record Session(String tokenHash, String username, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                      Optional<Instant> endedAt) {
    public Session {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
