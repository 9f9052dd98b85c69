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

    public Path database() {
        return dataDirectory.resolve("canhgac.db");
    }

    public Path caCertificate() {
        return pki().resolve("ca.crt");
    }
}
