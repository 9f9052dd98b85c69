package vn.canhgac.server.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.units.UnitService;
import vn.canhgac.server.units.UnitTree;

/**
 * The access rules, in one place for every route and service: which units an account sees, and
 * which operations its role allows. Every refusal is written to the audit log as
 * {@code access.denied} with the operation and the reason.
 *
 * <p>Scoping: an admin sees every unit; an officer or inspector sees the units the account was
 * given and all their sub-units ({@link UnitTree#isWithin}). Policies (assigned to units) use the
 * same check: {@code access.requireVisible(principal, unit, …)}.
 */
public final class Access {
    /** Who may change things in their units: tokens, agents, and later policies. */
    public static final Role[] WRITERS = {Role.ADMIN, Role.SECURITY_OFFICER};

    private final UnitService units;
    private final AuditLog audit;

    public Access(UnitService units, AuditLog audit) {
        this.units = Objects.requireNonNull(units, "units");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The units this account sees; empty means every unit (an admin). */
    public Optional<Set<String>> visibleUnits(Principal principal) {
        return principal.isAdmin() ? Optional.empty() : Optional.of(units.tree().subtrees(principal.units()));
    }

    public boolean canSee(Principal principal, String unit) {
        if (principal.isAdmin()) {
            return units.tree().contains(unit);
        }
        UnitTree tree = units.tree();
        return principal.units().stream().anyMatch(scope -> tree.isWithin(unit, scope));
    }

    /**
     * @param operation what was asked, for the audit log and the message, e.g. {@code create enrolment tokens}
     * @throws AccessDenied FORBIDDEN, audited, when the account's role is not one of {@code allowed}
     */
    public void requireRole(Principal principal, String operation, Role... allowed) {
        if (Arrays.asList(allowed).contains(principal.role())) {
            return;
        }
        String roles = Arrays.stream(allowed).map(Role::wire).collect(Collectors.joining(" or "));
        refuse(principal, AccessDenied.Kind.FORBIDDEN, operation, "-", "role " + principal.role().wire(),
                "an account with role " + principal.role().wire() + " may not " + operation + "; it takes " + roles);
    }

    /**
     * @param target         what was asked for, as {@code kind:id}, for the audit log
     * @param notFoundMessage the answer for a thing that does not exist, given unchanged for one out of scope
     * @throws AccessDenied NOT_FOUND when {@code unit} does not exist, and (audited) when it lies outside the account's units
     */
    public void requireVisible(Principal principal, String unit, String operation, String target, String notFoundMessage) {
        if (!units.tree().contains(unit)) {
            // Nothing was refused: there is no such unit, for anyone.
            throw new AccessDenied(AccessDenied.Kind.NOT_FOUND, notFoundMessage);
        }
        if (!canSee(principal, unit)) {
            refuse(principal, AccessDenied.Kind.NOT_FOUND, operation, target, "outside the account's units", notFoundMessage);
        }
    }

    /**
     * For requests that name units as their scope (reports): a unit outside the account's units is
     * refused openly, since the caller chose it. Whether the unit exists is not told apart, so a
     * refusal reveals nothing about other units.
     *
     * @throws AccessDenied FORBIDDEN, audited, when {@code unit} is not within the account's units
     */
    public void requireWithin(Principal principal, String unit, String operation) {
        if (!canSee(principal, unit)) {
            refuse(principal, AccessDenied.Kind.FORBIDDEN, operation, "unit:" + unit, "outside the account's units",
                    "unit \"" + unit + "\" is not within your units; you may " + operation + " only for " + String.join(", ",
                            principal.units().stream().sorted().toList()) + " and their sub-units");
        }
    }

    /**
     * Refuses, audited, a request that a rule other than role and unit visibility forbids (a
     * policy assigned outside the officer's units, say).
     *
     * @param reason why, for the audit log; {@code message} is the answer
     * @throws AccessDenied always
     */
    public void refuse(Principal principal, AccessDenied.Kind kind, String operation, String target, String reason, String message) {
        audit.record(principal.username(), "access.denied", target, Map.of("operation", operation, "reason", reason));
        throw new AccessDenied(kind, message);
    }
}
