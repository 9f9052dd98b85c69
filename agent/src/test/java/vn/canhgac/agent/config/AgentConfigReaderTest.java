package vn.canhgac.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.config.ConfigException;

class AgentConfigReaderTest {

    @TempDir
    Path directory;

    @Test
    void absentFileGivesDefaults() {
        AgentConfig config = AgentConfigReader.read(directory.resolve("agent.yaml"));
        assertEquals(AgentConfig.DEFAULT_STATE_DIRECTORY, config.stateDirectory());
        assertEquals("X25519MLKEM768", config.tls().earlyKeyShare());
    }

    @Test
    void settingsAreRead() throws Exception {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, "stateDirectory: /srv/agent\noutboxCapacity: 5000\nreconnectMaxSeconds: 60\n");
        AgentConfig config = AgentConfigReader.read(file);
        assertEquals(Path.of("/srv/agent"), config.stateDirectory());
        assertEquals(5000, config.outboxCapacity());
        assertEquals(Duration.ofSeconds(60), config.reconnectMax());
    }

    @Test
    void batchLargerThanTheProtocolAllowsIsRefusedNamingTheKey() throws Exception {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, "batchSize: 5000\n");
        ConfigException error = assertThrows(ConfigException.class, () -> AgentConfigReader.read(file));
        assertTrue(error.getMessage().contains("batchSize") && error.getMessage().contains("agent.yaml"), error.getMessage());
    }

    @Test
    void typoIsRefusedNotIgnored() throws Exception {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, "outboxCapacty: 10\n");
        ConfigException error = assertThrows(ConfigException.class, () -> AgentConfigReader.read(file));
        assertTrue(error.getMessage().contains("outboxCapacty"), error.getMessage());
    }
}
