package vn.canhgac.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsFactsReaderTest {

    private static final String UNKNOWN = OsFacts.UNKNOWN;

    @TempDir
    Path root;

    private static HostRoot fixture(String name) throws URISyntaxException {
        return HostRoot.of(Path.of(OsFactsReaderTest.class.getResource("/hostroot/" + name).toURI()));
    }

    private void write(String hostPath, String content) throws IOException {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private OsFacts read() {
        return new OsFactsReader(HostRoot.of(root)).read();
    }

    @Test
    void readsEveryFactFromADebianHostRoot() throws Exception {
        OsFacts facts = new OsFactsReader(fixture("debian-13")).read();

        assertEquals(new OsFacts(
                "ubnd-xa-01",
                "Debian GNU/Linux",
                "13",
                "6.12.48+deb13-amd64",
                "amd64",
                "4c1f0e3b9a2d4e8f8b7a6c5d4e3f2a1b"), facts);
    }

    @Test
    void fallsBackToEtcHostnameUsrLibOsReleaseAndVersion() throws Exception {
        OsFacts facts = new OsFactsReader(fixture("ubuntu-24.04")).read();

        assertEquals("may-tinh-mat-02", facts.hostname(), "comment line in /etc/hostname skipped");
        assertEquals("Ubuntu", facts.osName());
        assertEquals("24.04.3 LTS (Noble Numbat)", facts.osVersion(), "VERSION when no VERSION_ID");
        assertEquals(UNKNOWN, facts.kernel());
        assertEquals(UNKNOWN, facts.architecture());
        assertEquals(UNKNOWN, facts.machineId());
    }

    @Test
    void emptyHostRootGivesUnknownForEveryFact() {
        assertEquals(new OsFacts(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN), read());
    }

    @Test
    void osReleaseLinkWithAnAbsoluteTargetIsReadFromTheHostRoot() throws IOException {
        write("/usr/lib/os-release", "NAME=\"Fixture OS\"\nVERSION_ID=7\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));

        OsFacts facts = read();

        assertEquals("Fixture OS", facts.osName());
        assertEquals("7", facts.osVersion());
    }

    @Test
    void quotedOsReleaseValuesAreUnquotedAndUnescaped() {
        Map<String, String> values = OsFactsReader.parseOsRelease("""
                # a comment
                NAME="Canh \\"Gác\\" OS"
                VERSION='1.0 \\n literal'
                ID=canhgac
                PATH_LIKE="a\\\\b\\$c\\`d"
                  SPACED = ignored
                not an assignment
                EMPTY=""
                """);

        assertEquals("Canh \"Gác\" OS", values.get("NAME"));
        assertEquals("1.0 \\n literal", values.get("VERSION"), "no escapes inside single quotes");
        assertEquals("canhgac", values.get("ID"));
        assertEquals("a\\b$c`d", values.get("PATH_LIKE"));
        assertEquals("", values.get("EMPTY"));
        assertEquals(5, values.size(), values.toString());
    }

    @Test
    void blankVersionIdFallsBackToVersion() throws IOException {
        write("/etc/os-release", "NAME=Arch\nVERSION_ID=\"\"\nVERSION=rolling\n");

        assertEquals("rolling", read().osVersion());
    }

    @Test
    void oversizedFactFileIsReadOnlyUpToTheLimit() throws IOException {
        write("/proc/sys/kernel/hostname", "h".repeat(1024 * 1024));

        assertEquals(OsFactsReader.MAX_SMALL_FILE_BYTES, read().hostname().length());
    }

    @Test
    void unreadableFactFileFallsBackInsteadOfThrowing() throws IOException {
        // A directory where a file should be: reading it fails the way a permission error would.
        Files.createDirectories(root.resolve("proc/sys/kernel/hostname"));
        write("/etc/hostname", "fallback-host\n");
        Files.createDirectories(root.resolve("etc/os-release"));

        OsFacts facts = read();

        assertEquals("fallback-host", facts.hostname());
        assertEquals(UNKNOWN, facts.osName());
    }

    @Test
    void machineIdThatIsNotThirtyTwoHexDigitsIsUnknown() throws IOException {
        write("/etc/machine-id", "uninitialized\n");

        assertEquals(UNKNOWN, read().machineId());
    }

    @Test
    void machineIdFallsBackToTheDbusCopyAndIsLowerCased() throws IOException {
        write("/var/lib/dbus/machine-id", "4C1F0E3B9A2D4E8F8B7A6C5D4E3F2A1B\n");

        assertEquals("4c1f0e3b9a2d4e8f8b7a6c5d4e3f2a1b", read().machineId());
    }

    @Test
    void fixtureArchitectureIsMappedToTheDebianName() throws IOException {
        write("/proc/sys/kernel/arch", "aarch64\n");

        assertEquals("arm64", read().architecture());
    }

    @Test
    void jvmAndKernelMachineNamesMapToDebianArchitectures() {
        assertEquals("amd64", OsFactsReader.debianArchitecture("amd64"));
        assertEquals("amd64", OsFactsReader.debianArchitecture("x86_64"));
        assertEquals("arm64", OsFactsReader.debianArchitecture("aarch64"));
        assertEquals("i386", OsFactsReader.debianArchitecture("i686"));
        assertEquals("armhf", OsFactsReader.debianArchitecture("arm"));
        assertEquals("ppc64el", OsFactsReader.debianArchitecture("ppc64le"));
        assertEquals("riscv64", OsFactsReader.debianArchitecture("riscv64"));
        assertEquals(UNKNOWN, OsFactsReader.debianArchitecture(" "));
    }

    @Test
    void machineRootTakesTheArchitectureFromTheJvmAndNeverThrows() {
        OsFacts facts = new OsFactsReader(HostRoot.of(Path.of("/"))).read();

        assertEquals(OsFactsReader.debianArchitecture(System.getProperty("os.arch")),
                facts.architecture());
        assertNotEquals(UNKNOWN, facts.architecture());
    }
}
