package vn.canhgac.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.canhgac.agent.collect.EventSink;

/** An event sink that keeps what it is given, for assertions; collector threads may record while a test waits. */
public final class RecordedEvents implements EventSink {

    public record Event(String type, EventSeverity severity, Map<String, ?> details) {
        public Object get(String field) {
            return details.get(field);
        }
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void record(String type, EventSeverity severity, Map<String, ?> details) {
        events.add(new Event(type, severity, Map.copyOf(details)));
        notifyAll();
    }

    public synchronized List<Event> all() {
        return List.copyOf(events);
    }

    public List<Event> ofType(String type) {
        return all().stream().filter(e -> e.type().equals(type)).toList();
    }

    public List<String> types() {
        return all().stream().map(Event::type).toList();
    }

    public synchronized void clear() {
        events.clear();
    }

    /**
     * Waits for the {@code count}-th event of a type; fails with every event seen if it does not
     * come within the limit (a generous limit: this waits for a thread, it does not time it).
     */
    public synchronized Event await(String type, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
            if (matching.size() >= count) {
                return matching.get(count - 1);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type + " event #" + count + " within " + limit + "; events: " + types());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
