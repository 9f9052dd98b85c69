package vn.canhgac.server.events;

import java.util.List;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.StoredEvent;

/** Reads stored events for the admin API; writing goes through {@link EventIngest}. */
public final class EventService {

    public static final int MAX_PAGE = 1000;

    private final EventStore store;

    public EventService(EventStore store) {
        this.store = store;
    }

    public List<StoredEvent> query(EventQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + " (got " + query.limit() + ")");
        }
        return store.query(query);
    }
}
