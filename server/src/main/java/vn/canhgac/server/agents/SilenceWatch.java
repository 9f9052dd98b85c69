package vn.canhgac.server.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.agents.AgentService.AgentView;
import vn.canhgac.server.agents.AgentService.Status;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.ServerEvent;
import vn.canhgac.server.store.SilenceAlertStore;

/**
 * Turns silence into alerts: when an agent has not been heard from for its role's threshold
 * ({@link SilenceThresholds}), one {@code agent.silent} event; when it is heard again, one
 * {@code agent.back}. Both are stored among the agent's events, so they reach the event API,
 * reports and exports like any other.
 *
 * <p>Severity: {@code high} for roles that are expected to be reachable, {@code info} for a
 * secret workstation, which is air-gapped by design and silent most of the time. Revoked agents
 * are never alerted. An agent that never connected counts from its enrolment.
 *
 * <p>Implementation notes. One named thread looks every {@link #interval} (a fifth of the shortest
 * threshold, between 10 seconds and 5 minutes), so an alert comes at most that much late. Whether an
 * agent was alerted lives in the store and changes in the same transaction as the event, so a
 * restart neither repeats nor loses an alert; the alert is also conditional on the agent's last-seen
 * time being the one this look judged, so a hello that lands meanwhile wins. A look that fails is
 * logged and the next one tries again.
 */
public final class SilenceWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SilenceWatch.class);

    public static final String SILENT = "agent.silent";
    public static final String BACK = "agent.back";
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentService agents;
    private final SilenceAlertStore alerts;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public SilenceWatch(AgentService agents, SilenceAlertStore alerts, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("silence-watch").daemon().factory());
    }

    /** How often the watch looks: a fifth of the shortest threshold, within 10 seconds .. 5 minutes. */
    public static Duration interval(SilenceThresholds thresholds) {
        Duration fifth = thresholds.shortest().dividedBy(5);
        return fifth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : fifth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : fifth;
    }

    /** Starts looking periodically on the {@code silence-watch} thread. */
    public void start() {
        long millis = interval(agents.silence()).toMillis();
        scheduler.scheduleWithFixedDelay(this::lookSafely, millis, millis, TimeUnit.MILLISECONDS);
        log.info("event=silence_watch.started interval_ms={} thresholds=\"{}\"", millis, agents.silence());
    }

    /** One look at every agent; what the scheduled thread runs, and what tests call with a fake clock. */
    public void look() {
        Instant now = clock.instant();
        Map<String, Instant> alerted = alerts.alerted();
        for (AgentView view : agents.list()) {
            if (view.status() == Status.REVOKED) {
                continue;
            }
            Instant alertedAt = alerted.get(view.agent().id());
            try {
                if (alertedAt == null) {
                    alertIfSilent(view, now);
                } else if (heardSince(view, alertedAt)) {
                    back(view.agent(), alertedAt, now);
                }
            } catch (RuntimeException e) {
                // One agent's failed write must not keep the others from being looked at.
                log.error("event=silence_watch.agent_failed agent={} error=\"{}\"", view.agent().id(), e.getMessage(), e);
            }
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            log.error("event=silence_watch.look_failed error=\"{}\"", e.getMessage(), e);
        }
    }

    private void alertIfSilent(AgentView view, Instant now) {
        AgentRecord agent = view.agent();
        Duration threshold = agents.silence().forRole(agent.role());
        Instant heardAt = agent.lastSeenAt().orElse(agent.enrolledAt());
        if (view.status() != Status.SILENT || !now.isAfter(heardAt.plus(threshold))) {
            return;
        }
        Map<String, Object> payload = identity(agent);
        payload.put("thresholdMinutes", threshold.toMinutes());
        Severity severity = Roles.SECRET_WORKSTATION.equals(agent.role()) ? Severity.INFO : Severity.HIGH;
        if (alerts.alertSilent(agent.id(), agent.lastSeenAt(), new ServerEvent(now, SILENT, severity.number(), json(payload)))) {
            log.warn("event=agent.silent agent={} unit=\"{}\" role={} last_seen={} threshold_minutes={}", agent.id(), agent.unit(),
                    agent.role(), agent.lastSeenAt().map(Instant::toString).orElse("never"), threshold.toMinutes());
        }
    }

    private static boolean heardSince(AgentView view, Instant alertedAt) {
        return view.connected() || view.agent().lastSeenAt().filter(seen -> seen.isAfter(alertedAt)).isPresent();
    }

    private void back(AgentRecord agent, Instant alertedAt, Instant now) {
        Map<String, Object> payload = identity(agent);
        payload.put("alertedAt", alertedAt.toString());
        if (alerts.alertBack(agent.id(), new ServerEvent(now, BACK, Severity.INFO.number(), json(payload)))) {
            log.info("event=agent.back agent={} unit=\"{}\" role={} alerted_at={}", agent.id(), agent.unit(), agent.role(), alertedAt);
        }
    }

    private static Map<String, Object> identity(AgentRecord agent) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("agentId", agent.id());
        payload.put("unit", agent.unit());
        payload.put("role", agent.role());
        payload.put("lastSeenAt", agent.lastSeenAt().map(Instant::toString).orElse(null));
        return payload;
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a silence event as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Stops the thread, waiting for a look in progress so the store is not closed under it. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("event=silence_watch.stop_timeout seconds=30");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
