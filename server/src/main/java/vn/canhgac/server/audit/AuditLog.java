package vn.canhgac.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.AuditStore;

/**
 * The hash-chained log of admin actions. {@link #record} is the one call every feature uses:
 * {@code audit.record(actor, "agent.moved", "agent:" + id, Map.of("from", a, "to", b))}.
 * {@link #verify} walks the whole chain and names the first entry that was edited, deleted or
 * moved.
 *
 * <p>Actions are dotted lower-case like event types ({@code login.failed}, {@code token.issued}).
 * Details are small: no secrets, no passwords, no document contents; they are written as JSON
 * with sorted keys so that the same details always give the same text.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    public static final int MAX_PAGE = 1000;
    private static final int MAX_DETAILS_CHARS = 8 * 1024;
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9_-]*)+");

    /** The outcome of {@link #verify}: how many entries were checked, the head, and the first problem if any. */
    public record Verification(long entries, Optional<AuditEntry> head, Optional<Problem> problem) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    /** The first entry that breaks the chain, and how. */
    public record Problem(long seq, String reason) {}

    private final AuditStore store;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public AuditLog(AuditStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends one entry, now.
     *
     * @param actor   the account that acted, or {@code console} for the server's own console
     * @param action  dotted lower-case, e.g. {@code user.locked}
     * @param target  what was acted on, as {@code kind:id}, e.g. {@code agent:3f2a…}, {@code user:lan}
     * @param details small facts worth keeping (values must be JSON-writable); never secrets
     */
    public AuditEntry record(String actor, String action, String target, Map<String, ?> details) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("an audit action must be dotted lower-case like user.locked (got \"" + action + "\")");
        }
        String text;
        try {
            text = json.writeValueAsString(new TreeMap<>(Objects.requireNonNull(details, "details")));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the details of audit action " + action + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (text.length() > MAX_DETAILS_CHARS) {
            throw new IllegalArgumentException("the details of audit action " + action + " are " + text.length()
                    + " characters; at most " + MAX_DETAILS_CHARS + " are kept, record a summary instead");
        }
        AuditEntry entry = store.append(clock.instant(), actor, action, target, text);
        log.info("event=audit.recorded seq={} actor=\"{}\" action={} target=\"{}\"", entry.seq(), actor, action, target);
        return entry;
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit} (1..1000). */
    public List<AuditEntry> list(long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + " (got " + limit + ")");
        }
        if (afterSeq < 0) {
            throw new IllegalArgumentException("after must not be negative (got " + afterSeq + ")");
        }
        return store.list(afterSeq, limit);
    }

    /**
     * Walks the chain from entry 1. Each entry must have the next sequence number, carry the
     * previous entry's hash, and hash to its own stored hash. A changed field breaks the entry's
     * own hash; a deleted entry leaves a gap and a broken link; swapped entries break both. Only
     * a removal of the newest entries, or a rewrite of every hash from the change on, passes the
     * walk: compare the head it reports with one recorded elsewhere to catch those.
     */
    public Verification verify() {
        long expectedSeq = 1;
        String previousHash = AuditEntry.GENESIS;
        AuditEntry head = null;
        while (true) {
            List<AuditEntry> page = store.list(expectedSeq - 1, MAX_PAGE);
            if (page.isEmpty()) {
                return new Verification(expectedSeq - 1, Optional.ofNullable(head), Optional.empty());
            }
            for (AuditEntry entry : page) {
                Optional<String> broken = check(entry, expectedSeq, previousHash);
                if (broken.isPresent()) {
                    log.warn("event=audit.chain_broken seq={} reason=\"{}\"", entry.seq(), broken.get());
                    return new Verification(expectedSeq - 1, Optional.ofNullable(head), Optional.of(new Problem(entry.seq(), broken.get())));
                }
                head = entry;
                previousHash = entry.hash();
                expectedSeq++;
            }
        }
    }

    private static Optional<String> check(AuditEntry entry, long expectedSeq, String previousHash) {
        if (entry.seq() != expectedSeq) {
            return Optional.of("expected entry " + expectedSeq + " but found entry " + entry.seq()
                    + (entry.seq() > expectedSeq ? ": entries " + expectedSeq + ".." + (entry.seq() - 1) + " were deleted" : ""));
        }
        if (!entry.prevHash().equals(previousHash)) {
            return Optional.of(expectedSeq == 1 ? "its prev_hash is not the genesis hash: it was moved here or replaced"
                    : "its prev_hash does not match the hash of entry " + (expectedSeq - 1) + ": an entry before it was deleted, replaced or moved");
        }
        if (!entry.hashMatches()) {
            return Optional.of("its content does not match its hash: the entry was edited");
        }
        return Optional.empty();
    }
}
