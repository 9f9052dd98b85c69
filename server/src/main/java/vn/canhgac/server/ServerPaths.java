package vn.canhgac.server;

import java.nio.file.Path;

/** Where a server keeps its files inside its data directory. */
public record ServerPaths(Path dataDirectory) {

    public Path config() {
        return dataDirectory.resolve("server.yaml");
    }

    public Path pki() {
        return dataDirectory.resolve("pki");
    }

    /** The server's Ed25519 and ML-DSA-65 keys: they sign policy bundles and report manifests. */
    public Path signingKeys() {
        return dataDirectory.resolve("signing-keys");
    }

    public Path database() {
        return dataDirectory.resolve("canhgac.db");
    }

    /** Violation reports and their signed manifests, kept for a day for download. */
    public Path reports() {
        return dataDirectory.resolve("reports");
    }

    public Path caCertificate() {
        return pki().resolve("ca.crt");
    }
}
