package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;

/** The append-only audit log. Implementations are thread-safe, and safe against another process appending too. */
public interface AuditStore {

    /** Appends an entry after the last one, chaining its hash; {@code at} is kept to the millisecond. */
    AuditEntry append(Instant at, String actor, String action, String target, String details);

    /** Entries with {@code seq > afterSeq}, ascending, at most {@code limit}. */
    List<AuditEntry> list(long afterSeq, int limit);
}
