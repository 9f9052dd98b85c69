package vn.canhgac.agent.collect;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine's current connectivity verdict, written by the connectivity collector and read by
 * others (the document rule: a marked document on an Internet-reachable machine is a violation).
 * Until the first evaluation the verdict is {@link Verdict#UNKNOWN}.
 */
public final class ConnectivityBoard {

    public enum Verdict { UNKNOWN, OFFLINE, INTERNAL, INTERNET }

    /** A verdict with the signals behind it ("default route via eth0", "wlan0 up (Wi-Fi)", …). */
    public record Snapshot(Verdict verdict, List<String> signals, Instant at) {
        public Snapshot {
            signals = List.copyOf(signals);
        }
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Verdict.UNKNOWN, List.of(), Instant.EPOCH));

    public Snapshot current() {
        return current.get();
    }

    public void publish(Snapshot snapshot) {
        current.set(snapshot);
    }
}
