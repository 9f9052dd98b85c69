package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Optional;

/** Login sessions. Implementations are thread-safe. */
public interface SessionStore {

    void insert(Session session);

    Optional<Session> find(String tokenHash);

    /** Records that the session was used at {@code at}. */
    void touch(String tokenHash, Instant at);

    /** Ends a live session; false if unknown or already ended. */
    boolean end(String tokenHash, Instant at);

    /** Ends every live session of the account but {@code keepTokenHash} (if given); returns how many. */
    int endAll(String username, Instant at, Optional<String> keepTokenHash);

    /** Deletes sessions that expired or ended before {@code before}; returns how many. */
    int deleteFinishedBefore(Instant before);
}
