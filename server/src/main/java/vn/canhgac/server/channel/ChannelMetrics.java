package vn.canhgac.server.channel;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the agent channel accepted and refused, for status pages, tests and benchmarks. */
public final class ChannelMetrics {

    final AtomicLong handshakesCompleted = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    final AtomicLong refusedConnections = new AtomicLong();
    final AtomicLong batchesReceived = new AtomicLong();
    final AtomicLong eventsReceived = new AtomicLong();
    final AtomicLong readPauses = new AtomicLong();

    public long handshakesCompleted() {
        return handshakesCompleted.get();
    }

    public long handshakeFailures() {
        return handshakeFailures.get();
    }

    /** Connections closed after a refusal notice: wrong version, malformed or oversized frames, protocol errors. */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    public long batchesReceived() {
        return batchesReceived.get();
    }

    public long eventsReceived() {
        return eventsReceived.get();
    }

    /** Times a connection stopped reading because the store could not keep up. */
    public long readPauses() {
        return readPauses.get();
    }
}
