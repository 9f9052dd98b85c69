package vn.canhgac.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.agents.SilenceThresholds;

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

    @Test
    void silenceThresholdsDefaultPerRoleAndTheMapOverridesThem() throws Exception {
        SilenceThresholds defaults = ServerConfigReader.read(directory.resolve("absent.yaml")).silence();
        assertEquals(Duration.ofMinutes(15), defaults.forRole(Roles.INTERNET_WORKSTATION));
        assertEquals(Duration.ofMinutes(15), defaults.forRole(Roles.MDM_HOST));
        assertEquals(Duration.ofMinutes(30), defaults.forRole(Roles.INTERNAL_WORKSTATION));
        assertEquals(Duration.ofDays(7), defaults.forRole(Roles.SECRET_WORKSTATION));

        Path file = directory.resolve("server.yaml");
        Files.writeString(file, """
                silentAfterMinutes: 20
                silentAfterMinutesByRole:
                  internet-workstation: 5
                  secret-workstation: 2880
                """);
        SilenceThresholds read = ServerConfigReader.read(file).silence();
        assertEquals(Duration.ofMinutes(5), read.forRole(Roles.INTERNET_WORKSTATION));
        assertEquals(Duration.ofMinutes(20), read.forRole(Roles.MDM_HOST));
        assertEquals(Duration.ofMinutes(30), read.forRole(Roles.INTERNAL_WORKSTATION), "a default the map does not override stays");
        assertEquals(Duration.ofDays(2), read.forRole(Roles.SECRET_WORKSTATION));
    }

    @Test
    void anUnknownRoleInTheSilenceMapIsAnErrorNamingIt() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, "silentAfterMinutesByRole:\n  secret-workstaton: 60\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().contains("server.yaml") && error.getMessage().contains("unknown role \"secret-workstaton\""),
                error.getMessage());
    }

    @Test
    void aNegativeOrZeroSilenceThresholdIsAnErrorNamingTheRole() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, "silentAfterMinutesByRole:\n  mdm-host: -5\n");
        ConfigException negative = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(negative.getMessage().contains("silentAfterMinutesByRole.mdm-host must be positive (got -5)"), negative.getMessage());

        Files.writeString(file, "silentAfterMinutes: 0\n");
        ConfigException zero = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(zero.getMessage().contains("silentAfterMinutes must be positive (got 0)"), zero.getMessage());
    }

    @Test
    void incidentDeadlineAndRetentionAreRead() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, """
                incidents:
                  reportingDeadlineHours: 12
                retention:
                  securityLevel: 3
                  eventsDays: 120
                """);
        ServerConfig config = ServerConfigReader.read(file);
        assertEquals(Duration.ofHours(12), config.reportingDeadline());
        assertEquals(3, config.retention().securityLevel());
        assertEquals(120, config.retention().days());
    }

    @Test
    void withoutThemTheDeadlineIs24HoursAndRetentionTheLongestMinimum() {
        ServerConfig config = ServerConfigReader.read(directory.resolve("server.yaml"));
        assertEquals(Duration.ofHours(24), config.reportingDeadline());
        assertEquals(365, config.retention().days());
    }

    @Test
    void aRetentionBelowTheLevelsMinimumIsAnErrorNamingTheFileAndTheMinimum() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, """
                retention:
                  securityLevel: 5
                  eventsDays: 200
                """);
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("security level 5 requires keeping events at least 365 days"), error.getMessage());
    }

    @Test
    void anUnknownKeyUnderRetentionIsAnError() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, """
                retention:
                  securitylevel: 3
                """);
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().contains("securitylevel"), error.getMessage());
    }

    @Test
    void aReportingDeadlineOutOfRangeIsAnError() throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, "incidents:\n  reportingDeadlineHours: 1000\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertTrue(error.getMessage().contains("incidents.reportingDeadlineHours must be between 1 and 720 (got 1000)"), error.getMessage());
    }
}
