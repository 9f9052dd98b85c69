package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/** One published revision of a policy, without its document; revisions are never changed once stored. */
public record PolicyRevision(String name, long revision, String sha256, String author, String comment, Instant createdAt) {
    public PolicyRevision {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdAt, "createdAt");
        if (revision < 1) {
            throw new IllegalArgumentException("policy " + name + ": revision must be at least 1 (got " + revision + ")");
        }
    }
}
