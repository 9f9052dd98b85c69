package vn.canhgac.server.agents;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import vn.canhgac.protocol.policy.Roles;

/**
 * How long an agent of each machine role may go unheard before it is {@code silent}: a role of
 * {@code byRole}, else {@code fallback}. Silence means different things per role: an
 * Internet workstation that stops talking may have been tampered with, while a secret
 * workstation is air-gapped and expected to be out of reach for days.
 *
 * @param fallback the threshold of every role {@code byRole} does not name ({@code silentAfterMinutes})
 * @param byRole   thresholds per role of {@link Roles#ALL} ({@code silentAfterMinutesByRole})
 */
public record SilenceThresholds(Duration fallback, Map<String, Duration> byRole) {

    /** {@code silentAfterMinutes} when server.yaml does not set it. */
    public static final Duration DEFAULT_FALLBACK = Duration.ofMinutes(15);

    /**
     * The roles whose defaults differ from {@link #DEFAULT_FALLBACK}: an internal workstation may sit
     * behind a flaky LAN link for a while; a secret workstation may stay off the network for a week.
     */
    public static final Map<String, Duration> DEFAULT_BY_ROLE = Map.of(
            Roles.INTERNAL_WORKSTATION, Duration.ofMinutes(30),
            Roles.SECRET_WORKSTATION, Duration.ofDays(7));

    public SilenceThresholds {
        requirePositive("silentAfter", Objects.requireNonNull(fallback, "fallback"));
        Objects.requireNonNull(byRole, "byRole");
        for (Map.Entry<String, Duration> entry : byRole.entrySet()) {
            if (!Roles.ALL.contains(entry.getKey())) {
                throw new IllegalArgumentException("silentAfterMinutesByRole names an unknown role \"" + entry.getKey()
                        + "\"; the roles are " + String.join(", ", Roles.ALL));
            }
            requirePositive("silentAfterMinutesByRole." + entry.getKey(), Objects.requireNonNull(entry.getValue(), entry.getKey()));
        }
        byRole = Map.copyOf(byRole);
    }

    /** The documented defaults. */
    public static SilenceThresholds defaults() {
        return withDefaultRoles(DEFAULT_FALLBACK, Map.of());
    }

    /** {@link #DEFAULT_BY_ROLE}, overridden by {@code configured}, and {@code fallback} for every other role. */
    public static SilenceThresholds withDefaultRoles(Duration fallback, Map<String, Duration> configured) {
        Map<String, Duration> merged = new LinkedHashMap<>(DEFAULT_BY_ROLE);
        merged.putAll(configured);
        return new SilenceThresholds(fallback, merged);
    }

    /** One threshold for every role. */
    public static SilenceThresholds uniform(Duration silentAfter) {
        return new SilenceThresholds(silentAfter, Map.of());
    }

    public Duration forRole(String role) {
        return byRole.getOrDefault(role, fallback);
    }

    /** The shortest threshold of any role: the silence watch looks often enough to notice it. */
    public Duration shortest() {
        return byRole.values().stream().min(Comparator.naturalOrder()).filter(min -> min.compareTo(fallback) < 0).orElse(fallback);
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive (got " + duration + ")");
        }
    }
}
