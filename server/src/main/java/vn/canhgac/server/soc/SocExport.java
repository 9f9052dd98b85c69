package vn.canhgac.server.soc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.store.SocExportStore;

/**
 * Forwards stored events and violations to the SOC: one {@link SocForwarder} per configured
 * destination, each with its own durable cursor, sender and thread. See README "SOC export" for
 * what each kind guarantees.
 */
public final class SocExport implements AutoCloseable {

    /**
     * How often an idle destination looks for new events, and the back-off after a failure.
     *
     * @param pollInterval how long an idle destination waits before looking again
     * @param retryMin     the first back-off; it doubles after each failure in a row
     * @param retryMax     the longest back-off
     */
    public record Timing(Duration pollInterval, Duration retryMin, Duration retryMax) {
        public Timing {
            if (pollInterval.isNegative() || pollInterval.isZero() || retryMin.isNegative() || retryMin.isZero()
                    || retryMax.compareTo(retryMin) < 0) {
                throw new IllegalArgumentException("pollInterval and retryMin must be positive and retryMax at least retryMin"
                        + " (got " + pollInterval + ", " + retryMin + ", " + retryMax + ")");
            }
        }

        public static Timing defaults() {
            return new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }

    private final List<SocForwarder> forwarders;

    private SocExport(List<SocForwarder> forwarders) {
        this.forwarders = List.copyOf(forwarders);
    }

    /**
     * Sets up every destination (TLS material is read now, so a wrong file stops the start) and starts forwarding.
     *
     * @throws IllegalArgumentException naming the destination whose CA or client files cannot be used
     */
    public static SocExport start(SocExportConfig config, SocExportStore store, SigningKeys keys, Clock clock, Timing timing) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keys, "keys");
        List<EventSender> senders = config.destinations().stream().map(destination -> sender(destination, keys)).toList();
        List<SocForwarder> forwarders = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            forwarders.add(new SocForwarder(config.destinations().get(i), senders.get(i), store, clock, timing));
        }
        forwarders.forEach(SocForwarder::start);
        return new SocExport(forwarders);
    }

    private static EventSender sender(SocDestination destination, SigningKeys keys) {
        return switch (destination.kind()) {
            case SYSLOG_TLS -> new StreamSyslogSender(destination, Optional.of(SocTls.context(destination)));
            case SYSLOG_TCP -> new StreamSyslogSender(destination, Optional.empty());
            case SYSLOG_UDP -> new UdpSyslogSender(destination);
            case RELP_TLS -> new RelpSender(destination, SocTls.context(destination));
            case HTTPS_JSON -> new HttpsJsonSender(destination, SocTls.context(destination), keys);
        };
    }

    /** No destination: what a server without a {@code socExport} section runs. */
    public static SocExport none() {
        return new SocExport(List.of());
    }

    /** Every destination's counters, in configuration order. */
    public List<SocDestinationStatus> status() {
        return forwarders.stream().map(SocForwarder::status).toList();
    }

    @Override
    public void close() {
        forwarders.forEach(SocForwarder::stop);
    }
}
