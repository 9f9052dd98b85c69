package vn.canhgac.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.server.soc.SocDestination;
import vn.canhgac.server.soc.SocKind;
import vn.canhgac.server.soc.SyslogFormat;

/** The {@code socExport} section of server.yaml. */
class SocExportConfigTest {
    @TempDir
    Path directory;

    private ServerConfig read(String yaml) throws Exception {
        Path file = directory.resolve("server.yaml");
        Files.writeString(file, yaml);
        return ServerConfigReader.read(file);
    }

    @Test
    void noSectionMeansNoDestination() throws Exception {
        assertEquals(List.of(), read("heartbeatSeconds: 30\n").socExport().destinations());
    }

    @Test
    void destinationsAreReadWithLoopbackAndSyslogDefaults() throws Exception {
        ServerConfig config = read("""
                socExport:
                  destinations:
                    - name: soc-tinh
                      kind: syslog-tls
                      caFile: /etc/canhgac/soc-ca.pem
                      format: cef
                      minSeverity: 3
                      types: ["usb.*", "*.violation"]
                    - name: national
                      kind: https-json
                      url: https://127.0.0.1:8444/ingest
                      caFile: /etc/canhgac/national-ca.pem
                      startAt: oldest
                """);
        SocDestination syslog = config.socExport().destinations().get(0);
        assertEquals(SocKind.SYSLOG_TLS, syslog.kind());
        assertEquals("127.0.0.1:6514", syslog.target());
        assertEquals(SyslogFormat.CEF, syslog.format());
        assertEquals(3, syslog.filter().minSeverity());
        assertEquals(List.of("usb.*", "*.violation"), syslog.filter().typeGlobs());
        assertEquals(20, syslog.facility());
        assertEquals(8192, syslog.maxMessageBytes());
        SocDestination https = config.socExport().destinations().get(1);
        assertEquals("https://127.0.0.1:8444/ingest", https.target());
        assertEquals(8444, https.port());
        assertTrue(https.startAtOldest());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{name: a, kind: syslog-tls}|socExport.destinations[0] (a): caFile is required for kind syslog-tls",
            "{name: a, kind: syslog}|kind must be one of syslog-tls, syslog-tcp, syslog-udp, relp-tls, https-json (got \"syslog\")",
            "{name: a}|kind is required",
            "{name: A b, kind: syslog-udp}|name must be 1 to 63 characters",
            "{name: a, kind: syslog-tcp, format: leef}|format must be one of rfc5424-sd, cef (got \"leef\")",
            "{name: a, kind: syslog-tcp, types: [\"USB.*\"]}|type glob \"USB.*\" may hold only",
            "{name: a, kind: syslog-tcp, minSeverity: 9}|minSeverity must be between 0 and 5 (got 9)",
            "{name: a, kind: syslog-tcp, facility: mail2}|facility must be one of",
            "{name: a, kind: syslog-tcp, caFile: /x.pem}|caFile and clientCertificate need a TLS kind",
            "{name: a, kind: relp-tls, caFile: /x.pem}|port is required for kind relp-tls",
            "{name: a, kind: https-json, caFile: /x.pem}|kind https-json needs url",
            "{name: a, kind: https-json, url: 'http://127.0.0.1/x', caFile: /x.pem}|url must be an https:// URL",
            "{name: a, kind: https-json, url: 'https://127.0.0.1/x', host: h, caFile: /x.pem}|kind https-json takes url, not host",
            "{name: a, kind: syslog-tcp, port: 70000}|port must be between 1 and 65535",
            "{name: a, kind: syslog-tcp, maxMessageBytes: 10}|maxMessageBytes must be between 480",
            "{name: a, kind: syslog-tcp, startAt: yesterday}|startAt must be newest",
            "{name: a, kind: syslog-tls, caFile: /x.pem, clientKey: /k.pem}|clientCertificate and clientKey go together",
            "{name: a, kind: syslog-tcp, hots: h}|unknown key \"hots\""})
    void aBadDestinationIsAnErrorNamingWhatToFix(String destination, String expected) {
        ConfigException error = assertThrows(ConfigException.class, () -> read("socExport:\n  destinations:\n    - " + destination + "\n"));
        assertTrue(error.getMessage().contains("server.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void twoDestinationsMayNotShareAName() {
        ConfigException error = assertThrows(ConfigException.class, () -> read("""
                socExport:
                  destinations:
                    - {name: a, kind: syslog-udp}
                    - {name: a, kind: syslog-tcp}
                """));
        assertTrue(error.getMessage().contains("destination name \"a\" is used twice"), error.getMessage());
    }
}
