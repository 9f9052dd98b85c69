package vn.canhgac.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentsTest {

    static final class Binding {
        @JsonProperty public Integer heartbeatSeconds;
    }

    @TempDir
    Path directory;

    @Test
    void misspelledKeyIsAnErrorNamingFileLineAndKey() throws Exception {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, "# comment\nheartbeatSecond: 30\n");
        ConfigException error = assertThrows(ConfigException.class, () -> YamlDocuments.read(file, Binding.class));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("line 2")
                && error.getMessage().contains("heartbeatSecond"), error.getMessage());
    }

    @Test
    void wrongTypeIsAnErrorNamingTheLine() throws Exception {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, "heartbeatSeconds: often\n");
        ConfigException error = assertThrows(ConfigException.class, () -> YamlDocuments.read(file, Binding.class));
        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void missingFileMeansDefaults() {
        assertTrue(YamlDocuments.read(directory.resolve("absent.yaml"), Binding.class).isEmpty());
    }

    @Test
    void addressNeedsHostAndPort() {
        assertEquals(7443, YamlDocuments.address("agentListen", "127.0.0.1:7443").getPort());
        assertEquals("::1", YamlDocuments.address("agentListen", "[::1]:7443").getHostString());
        assertThrows(IllegalArgumentException.class, () -> YamlDocuments.address("agentListen", "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> YamlDocuments.address("agentListen", "127.0.0.1:99999"));
    }
}
