package vn.canhgac.server.store;

/**
 * Where one SOC export destination stands: every event with an id up to {@code lastEventId} has
 * been delivered to it or passed over by its filter; {@code sent} counts the delivered ones.
 */
public record SocCursor(String destination, long lastEventId, long sent) {}
