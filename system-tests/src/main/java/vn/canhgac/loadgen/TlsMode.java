package vn.canhgac.loadgen;

import vn.canhgac.protocol.tls.TlsSettings;

/**
 * The key exchange a run uses. The server is configured with the same groups as the simulated
 * agents, so a classical run cannot quietly negotiate the hybrid group or the other way round;
 * the groups actually negotiated are counted per connection and reported.
 */
enum TlsMode {
    HYBRID(TlsSettings.HYBRID_PREFERRED),
    CLASSICAL(TlsSettings.CLASSICAL_ONLY);

    private final TlsSettings settings;

    TlsMode(TlsSettings settings) {
        this.settings = settings;
    }

    TlsSettings settings() {
        return settings;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
