package vn.canhgac.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.config.ConfigException;

class ServerConfigReaderTest {

    @TempDir
    Path directory;

    @Test
    void absentFileGivesLoopbackOnlyDefaults() {
        ServerConfig config = ServerConfigReader.read(directory.resolve("server.yaml"));
        assertEquals("127.0.0.1", config.agentListen().getHostString());
        assertEquals("127.0.0.1", config.apiListen().getHostString());
        assertEquals("X25519MLKEM768", config.tls().earlyKeyShare());
    }

    @Test
    void settingsAreRead() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, """
                agentListen: 0.0.0.0:9443
                advertisedHost: canhgac.example.gov.vn
                tlsNamedGroups: [x25519, secp256r1]
                heartbeatSeconds: 20
                """);
        ServerConfig config = ServerConfigReader.read(file);
        assertEquals(9443, config.agentListen().getPort());
        assertEquals(List.of("canhgac.example.gov.vn"), config.serverNames());
        assertEquals(List.of("x25519", "secp256r1"), config.tls().namedGroups());
        assertEquals(20, config.heartbeatSeconds());
    }

    @Test
    void invalidValueIsAnErrorNamingFileAndKey() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, "heartbeatSeconds: 1\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().contains("server.yaml") && error.getMessage().contains("heartbeatSeconds"), error.getMessage());
    }

    @Test
    void unknownGroupIsAnError() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, "tlsNamedGroups: [kyber]\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().contains("kyber"), error.getMessage());
    }
}
