package vn.canhgac.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is making a request, as its session says: an account's name, role and unit scope.
 *
 * @param units the units the account was given (each with its sub-units); empty for an admin, who sees every unit
 */
public record Principal(String username, Role role, Set<String> units) {
    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        units = Set.copyOf(units);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
