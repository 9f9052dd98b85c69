package vn.canhgac.server.soc;

import java.io.IOException;

/**
 * A batch did not fully reach its receiver. The first {@code confirmed} events did (the receiver
 * acknowledged them, as far as the kind can tell); the rest are sent again after a reconnect.
 */
final class DeliveryFailed extends IOException {
    private final int confirmed;

    DeliveryFailed(String message, int confirmed, Throwable cause) {
        super(message, cause);
        this.confirmed = confirmed;
    }

    DeliveryFailed(String message, int confirmed) {
        this(message, confirmed, null);
    }

    int confirmed() {
        return confirmed;
    }
}
