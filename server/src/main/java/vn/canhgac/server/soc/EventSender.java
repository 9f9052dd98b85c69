package vn.canhgac.server.soc;

import java.util.List;
import vn.canhgac.server.store.UnitEvent;

/** Carries batches of events to one receiver, connecting when needed. Used by one forwarder thread. */
interface EventSender extends AutoCloseable {

    /** Returns when the receiver has the whole batch, as far as the kind can tell. */
    void send(List<UnitEvent> events) throws DeliveryFailed;

    /** Drops the connection, if any; the next {@link #send} connects again. */
    @Override
    void close();
}
