package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An organisational unit; {@code parent} is empty for a root (a province, or a unit of version 1). */
public record Unit(String name, Optional<String> parent, Instant createdAt) {
    public Unit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(createdAt, "createdAt");
        if (parent.isPresent() && parent.get().equals(name)) {
            throw new IllegalArgumentException("unit \"" + name + "\" cannot be its own parent");
        }
    }
}
