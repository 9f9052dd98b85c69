package vn.canhgac.agent.usb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.EventSink;

/** An event sink that keeps what it is given, for assertions; safe to read while a collector thread writes. */
final class RecordedEvents implements EventSink {

    record Event(String type, EventSeverity severity, Map<String, ?> details) {
        Object get(String field) {
            return details.get(field);
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(String type, EventSeverity severity, Map<String, ?> details) {
        events.add(new Event(type, severity, Map.copyOf(details)));
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    void clear() {
        events.clear();
    }
}
