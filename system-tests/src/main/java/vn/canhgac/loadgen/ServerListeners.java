package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.ServerPaths;

/**
 * The part of {@code server.yaml} a benchmark decides: loopback listeners on free ports and the
 * key-exchange groups. Everything else keeps the server's defaults, so what is measured is the
 * server as shipped.
 */
record ServerListeners(int agentPort, int enrollmentPort, int apiPort, TlsSettings tls) {

    static ServerListeners onFreePorts(TlsSettings tls) {
        List<Integer> ports = LoopbackPorts.free(3);
        return new ServerListeners(ports.get(0), ports.get(1), ports.get(2), tls);
    }

    java.net.URI apiBase() {
        return java.net.URI.create("https://127.0.0.1:" + apiPort);
    }

    InetSocketAddress agentAddress() {
        return new InetSocketAddress("127.0.0.1", agentPort);
    }

    InetSocketAddress enrollmentAddress() {
        return new InetSocketAddress("127.0.0.1", enrollmentPort);
    }

    void writeConfig(ServerPaths paths) {
        String yaml = "# Written by the Canh Gác benchmarks: every listener on loopback.\n"
                + "agentListen: 127.0.0.1:" + agentPort + "\n"
                + "enrollmentListen: 127.0.0.1:" + enrollmentPort + "\n"
                + "apiListen: 127.0.0.1:" + apiPort + "\n"
                + "tlsNamedGroups: [" + String.join(", ", tls.namedGroups()) + "]\n";
        try {
            Files.writeString(paths.config(), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + paths.config() + ": " + e.getMessage(), e);
        }
    }
}
