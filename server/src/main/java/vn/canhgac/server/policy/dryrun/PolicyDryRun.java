package vn.canhgac.server.policy.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.StoredEvent;

/**
 * The dry run's I/O: pages through the stored events of the last N days for a scope and feeds
 * them to a {@link DryRunEvaluator}. Pages of {@value EventQuery#MAX_LIMIT} events, so memory
 * stays flat however long the period; the scan stops after {@code cap} events and the report
 * says so.
 */
public final class PolicyDryRun {
    private static final Logger log = LoggerFactory.getLogger(PolicyDryRun.class);

    public static final long DEFAULT_CAP = 1_000_000;
    public static final int MAX_DAYS = 365;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStore events;
    private final AgentStore agents;
    private final Clock clock;
    private final long cap;

    public PolicyDryRun(EventStore events, AgentStore agents, Clock clock, long cap) {
        this.events = Objects.requireNonNull(events, "events");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cap < 1) {
            throw new IllegalArgumentException("the dry run's event cap must be at least 1 (got " + cap + ")");
        }
        this.cap = cap;
    }

    /**
     * @param units only events of agents in these units (as they are now); empty means every unit
     * @param role  only events of agents with this role; empty means every role
     */
    public DryRunReport run(Policy policy, int days, Optional<Set<String>> units, Optional<String> role) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + " (got " + days + ")");
        }
        Instant until = clock.instant();
        Instant from = until.minus(Duration.ofDays(days));
        Map<String, AgentRecord> owners = agents.list().stream().collect(Collectors.toMap(AgentRecord::id, Function.identity()));
        DryRunEvaluator evaluator = new DryRunEvaluator(policy);
        long read = 0;
        long after = 0;
        boolean more = true;
        while (more && read < cap) {
            int limit = (int) Math.min(EventQuery.MAX_LIMIT, cap - read);
            List<StoredEvent> page = events.query(new EventQuery(Optional.empty(), Optional.of(from), Optional.of(until), Optional.empty(),
                    after, limit, units));
            for (StoredEvent event : page) {
                AgentRecord owner = owners.get(event.agentId());
                if (owner != null && role.map(owner.role()::equals).orElse(true)) {
                    evaluator.accept(new ObservedEvent(owner.id(), owner.unit(), owner.role(), event.occurredAt(), event.type(),
                            payload(event)));
                }
            }
            read += page.size();
            more = page.size() == limit;
            after = page.isEmpty() ? after : page.getLast().id();
        }
        boolean capped = more && read >= cap;
        log.info("event=policy.dry_run policy={} days={} read={} judged={} capped={}", policy.metadata().name(), days, read,
                evaluator.scanned(), capped);
        return evaluator.report(from, until, capped, cap);
    }

    private static JsonNode payload(StoredEvent event) {
        try {
            return JSON.readTree(event.payloadJson());
        } catch (JsonProcessingException e) {
            // Agents write JSON; an unreadable body is judged as an event without fields, never fails the run.
            return MissingNode.getInstance();
        }
    }
}
