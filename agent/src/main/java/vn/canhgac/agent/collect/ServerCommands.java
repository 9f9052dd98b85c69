package vn.canhgac.agent.collect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/**
 * Requests from the server (e.g. "resend the full inventory") routed to the collectors that
 * handle them. The channel calls {@link #dispatch}; collectors subscribe when they start.
 */
public final class ServerCommands {

    private static final Logger log = LoggerFactory.getLogger(ServerCommands.class);

    /** Commands an agent understands; the names match {@code canhgac.v1.ServerCommand.Kind}. */
    public enum Kind { RESEND_INVENTORY }

    private final Map<Kind, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

    /** Registers a handler; it receives the command's id and runs on the channel's thread, so it must hand long work off. */
    public void on(Kind kind, Consumer<String> handler) {
        handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    public void dispatch(Kind kind, String id) {
        List<Consumer<String>> registered = handlers.getOrDefault(kind, List.of());
        if (registered.isEmpty()) {
            log.warn("event=command.unhandled kind={} id={}", kind, id);
        }
        for (Consumer<String> handler : registered) {
            try {
                handler.accept(id);
            } catch (RuntimeException e) {
                log.error("event=command.failed kind={} id={} reason=\"{}\"", kind, id, Errors.rootMessage(e));
            }
        }
    }
}
