package vn.canhgac.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.enrollment.TokenService;

/** An in-process server on ephemeral loopback ports with its own data directory, and the root unit {@value #UNIT}. Public for the tests in sub-packages. */
public final class TestServer implements AutoCloseable {
    public static final String UNIT = "So Noi vu";

    public final ServerPaths paths;
    public final CanhGacServer server;

    private TestServer(ServerPaths paths, CanhGacServer server) {
        this.paths = paths;
        this.server = server;
    }

    public static TestServer start(Path directory, Clock clock) {
        return start(directory, clock, TlsSettings.HYBRID_PREFERRED);
    }

    static TestServer start(Path directory, Clock clock, TlsSettings tls) {
        return start(directory, clock, config(tls, 30, 200_000));
    }

    public static TestServer start(Path directory, Clock clock, ServerConfig config) {
        ServerPaths paths = new ServerPaths(directory.resolve("server"));
        if (!paths.database().toFile().exists()) {
            CanhGacServer.init(paths, new SecureRandom(), clock);
        }
        CanhGacServer server = CanhGacServer.start(paths, config, clock);
        unit(server, UNIT);
        return new TestServer(paths, server);
    }

    /** Creates the root unit unless a server that ran before on this data directory did. */
    static void unit(CanhGacServer server, String name) {
        if (!server.units().tree().contains(name)) {
            server.units().create(name, Optional.empty());
        }
    }

    /** Ephemeral loopback ports for every listener. */
    static ServerConfig config(TlsSettings tls, int heartbeatSeconds, long ingestHighWatermark) {
        return config(0, 0, tls, heartbeatSeconds, ingestHighWatermark);
    }

    /** The same agent and enrolment ports as a server that ran before, so enrolled agents find it again. */
    public ServerConfig samePorts() {
        return config(server.channel().localAddress().getPort(), enrollmentAddress().getPort(), TlsSettings.HYBRID_PREFERRED, 30, 200_000);
    }

    private static ServerConfig config(int channelPort, int enrollmentPort, TlsSettings tls, int heartbeatSeconds, long ingestHighWatermark) {
        return new ServerConfig(
                new InetSocketAddress("127.0.0.1", channelPort),
                new InetSocketAddress("127.0.0.1", enrollmentPort),
                new InetSocketAddress("127.0.0.1", 0),
                "127.0.0.1", List.of("127.0.0.1", "localhost"), tls, heartbeatSeconds, Duration.ofMinutes(10), Duration.ofDays(365),
                ingestHighWatermark, 2);
    }

    /** A fresh one-time token, formatted as a person would paste it. */
    public String token(String role) {
        return token(UNIT, role);
    }

    public String token(String unit, String role) {
        TokenService.IssuedToken issued = server.tokens().create(unit, role, Duration.ofHours(1));
        return new EnrollmentTokenCode(issued.secret(), server.ca().fingerprint()).format();
    }

    public InetSocketAddress enrollmentAddress() {
        return server.enrollment().localAddress();
    }

    @Override
    public void close() {
        server.close();
    }
}
