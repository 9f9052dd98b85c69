package vn.canhgac.agent.channel;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.EventBatch;

/**
 * Sends one connection's batches: at most {@link #WINDOW} unacknowledged batches at a time,
 * deletes from the outbox only what the server acknowledged.
 *
 * <p>Implementation notes: all methods run on the single outbox thread ({@code outboxThread}),
 * so the fields need no locks; {@code ready} is volatile only because {@link #isReady()} is read
 * from other threads.
 */
final class OutboxPump {

    private static final Logger log = LoggerFactory.getLogger(OutboxPump.class);
    static final int WINDOW = 4;

    private final Channel channel;
    private final Outbox outbox;
    private final Executor outboxThread;
    private final int batchSize;
    private volatile boolean ready;
    private long lastSentSequence;
    private int batchesInFlight;

    OutboxPump(Channel channel, Outbox outbox, Executor outboxThread, int batchSize) {
        this.channel = channel;
        this.outbox = outbox;
        this.outboxThread = outboxThread;
        this.batchSize = batchSize;
    }

    /** The server accepted our hello and already holds everything up to {@code highestStored}. */
    void helloAccepted(long highestStored) {
        outboxThread.execute(() -> {
            acknowledge(highestStored);
            lastSentSequence = highestStored;
            ready = true;
            pump();
        });
    }

    void acknowledged(long highestStored) {
        outboxThread.execute(() -> {
            batchesInFlight = Math.max(0, batchesInFlight - 1);
            acknowledge(highestStored);
            pump();
        });
    }

    /**
     * Runs work that writes to disk and appends to the outbox (handling a policy bundle) on the outbox thread, never
     * the event loop, then sends whatever it appended.
     */
    void runThenPump(Runnable work) {
        outboxThread.execute(() -> {
            work.run();
            pump();
        });
    }

    boolean isReady() {
        return ready;
    }

    void pump() {
        while (ready && channel.isActive() && batchesInFlight < WINDOW) {
            List<OutboxEvent> events = outbox.peek(lastSentSequence, batchSize);
            if (events.isEmpty()) {
                return;
            }
            EventBatch.Builder batch = EventBatch.newBuilder();
            for (OutboxEvent event : events) {
                batch.addEvents(WireEvents.toWire(event));
            }
            lastSentSequence = events.getLast().sequence();
            batchesInFlight++;
            channel.writeAndFlush(Envelope.newBuilder().setEventBatch(batch).build());
        }
    }

    private void acknowledge(long highestStored) {
        if (highestStored > 0) {
            int deleted = outbox.acknowledge(highestStored);
            if (deleted > 0) {
                log.debug("event=outbox.acknowledged up_to={} deleted={}", highestStored, deleted);
            }
        }
    }
}
