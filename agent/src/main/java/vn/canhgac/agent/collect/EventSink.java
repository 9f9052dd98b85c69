package vn.canhgac.agent.collect;

import java.util.Map;
import vn.canhgac.agent.EventSeverity;

/** Where collectors put events; in the agent this is the outbox, in tests a list. */
@FunctionalInterface
public interface EventSink {

    /**
     * Records one event. {@code type} is a dotted lower-case name ("usb.connected", "usb.violation");
     * a type ending in {@code .violation} is also stored by the server as a violation.
     */
    void record(String type, EventSeverity severity, Map<String, ?> details);
}
