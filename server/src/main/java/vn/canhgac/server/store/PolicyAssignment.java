package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A policy assigned to a unit (and its sub-units), for one machine role or, when {@code role} is empty, for every role. */
public record PolicyAssignment(String unit, Optional<String> role, String policy, String assignedBy, Instant assignedAt) {
    public PolicyAssignment {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(assignedBy, "assignedBy");
        Objects.requireNonNull(assignedAt, "assignedAt");
    }
}
