package vn.canhgac.protocol.tls;

import java.util.List;
import java.util.Set;

/**
 * Key-exchange groups offered or accepted, most preferred first. The default puts the hybrid
 * post-quantum group first, so that traffic recorded today stays unreadable to a future quantum
 * computer; {@code x25519} stays in the list as the configured fallback for peers without it,
 * and {@code secp256r1} because the certificates are ECDSA P-256.
 */
public record TlsSettings(List<String> namedGroups) {

    public static final String HYBRID_GROUP = "X25519MLKEM768";
    private static final Set<String> KNOWN_GROUPS = Set.of(
            "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024", "x25519", "x448", "secp256r1", "secp384r1", "secp521r1");

    public static final TlsSettings HYBRID_PREFERRED = new TlsSettings(List.of(HYBRID_GROUP, "x25519", "secp256r1"));
    public static final TlsSettings CLASSICAL_ONLY = new TlsSettings(List.of("x25519", "secp256r1"));

    public TlsSettings {
        namedGroups = List.copyOf(namedGroups);
        if (namedGroups.isEmpty()) {
            throw new IllegalArgumentException("tls.namedGroups must name at least one group, e.g. [" + HYBRID_GROUP + ", x25519]");
        }
        for (String group : namedGroups) {
            if (!KNOWN_GROUPS.contains(group)) {
                throw new IllegalArgumentException("tls.namedGroups: unknown group \"" + group + "\"; known groups are " + KNOWN_GROUPS);
            }
        }
    }

    /** The group whose key share the client sends in its first flight, saving a HelloRetryRequest. */
    public String earlyKeyShare() {
        return namedGroups.getFirst();
    }

    public static TlsSettings named(String name) {
        return switch (name) {
            case "hybrid" -> HYBRID_PREFERRED;
            case "classical" -> CLASSICAL_ONLY;
            default -> throw new IllegalArgumentException("tls mode must be hybrid or classical (got \"" + name + "\")");
        };
    }
}
