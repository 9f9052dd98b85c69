package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which agents were alerted as silent, changed together with the alert events so that one silence
 * gives exactly one {@code agent.silent} and one {@code agent.back}. Implementations are thread-safe.
 */
public interface SilenceAlertStore {

    /** Agents alerted as silent and not seen since, with when the alert was stored. */
    Map<String, Instant> alerted();

    /**
     * In one transaction: marks the agent alerted and stores {@code alert}, but only if it is not
     * alerted already, not revoked, and was last seen at {@code lastSeenAt} still (it did not say
     * hello while the caller decided). False, and nothing stored, otherwise.
     */
    boolean alertSilent(String agentId, Optional<Instant> lastSeenAt, ServerEvent alert);

    /** In one transaction: clears the agent's alert and stores {@code back}; false, and nothing stored, if it was not alerted. */
    boolean alertBack(String agentId, ServerEvent back);
}
