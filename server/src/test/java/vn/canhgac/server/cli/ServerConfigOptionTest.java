package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.canhgac.server.ServerPaths;

class ServerConfigOptionTest {

    private final ServerPaths paths = new ServerPaths(Path.of("/var/lib/canhgac/server"));

    @Test
    void configOptionWins() {
        assertEquals(Path.of("/etc/canhgac/server.yaml"), ServerMain.configFile(Path.of("/etc/canhgac/server.yaml"), paths));
    }

    @Test
    void withoutOptionOrEnvironmentTheDataDirectoryHoldsTheConfig() {
        assumeTrue(System.getenv("CANHGAC_SERVER_CONFIG") == null, "CANHGAC_SERVER_CONFIG is set in this environment");
        assertEquals(Path.of("/var/lib/canhgac/server/server.yaml"), ServerMain.configFile(null, paths));
    }

    @Test
    void runAcceptsConfig() {
        assertEquals(1, ServerMain.commandLine().getSubcommands().get("run").getCommandSpec().options().stream()
                .filter(option -> option.longestName().equals("--config")).count());
    }
}
