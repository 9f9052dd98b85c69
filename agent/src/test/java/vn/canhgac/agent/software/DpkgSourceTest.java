package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgSourceTest {

    @TempDir
    Path root;

    private FixtureHost fixture() {
        return new FixtureHost(root);
    }

    private static Map<String, SoftwareItem> byName(SourceInventory inventory) {
        return inventory.items().stream().collect(Collectors.toMap(SoftwareItem::name, Function.identity()));
    }

    @Test
    void listsEveryInstalledPackageOfARealStatusFile() throws Exception {
        FixtureHost fixture = fixture();
        Path status = fixture.realDpkgStatus();
        long stanzas = Files.readAllLines(status).stream().filter(line -> line.startsWith("Package: ")).count();

        SourceInventory inventory = new DpkgSource(fixture.host()).read();

        assertTrue(inventory.complete(), inventory.problems().toString());
        assertTrue(stanzas > 300, "the fixture has a few hundred real entries");
        assertEquals(stanzas - 1, inventory.items().size(), "every stanza but the config-files one");
        Map<String, SoftwareItem> items = byName(inventory);
        SoftwareItem anydesk = items.get("anydesk");
        assertEquals("6.3.2", anydesk.version());
        assertEquals("AnyDesk Software GmbH <info@anydesk.com>", anydesk.publisher());
        assertEquals("dpkg", anydesk.source());
        assertFalse(items.containsKey("old-removed-tool"), "config-files is not installed software");
    }

    @Test
    void namesAreQualifiedTheWayDpkgQueryWritesThem() {
        FixtureHost fixture = fixture();
        fixture.realDpkgStatus();
        Map<String, SoftwareItem> items = byName(new DpkgSource(fixture.host()).read());
        assertTrue(items.containsKey("libvncserver1:amd64"), "Multi-Arch: same carries its architecture");
        assertTrue(items.containsKey("dpkg"), "a native package does not");
        assertTrue(items.containsKey("libarchive13:amd64"));
    }

    @Test
    void foreignArchitecturePackagesAreQualifiedEvenWithoutMultiArchSame() {
        FixtureHost fixture = fixture();
        fixture.write(DpkgSource.STATUS, """
                Package: dpkg
                Status: install ok installed
                Architecture: amd64
                Version: 1.21.22

                Package: wine32
                Status: install ok installed
                Architecture: i386
                Multi-Arch: foreign
                Version: 8.0~repack-4
                """);
        assertEquals(java.util.Set.of("dpkg", "wine32:i386"), byName(new DpkgSource(fixture.host()).read()).keySet());
    }

    @Test
    void installTimeIsWhenThePackagesFileListWasWritten() throws Exception {
        FixtureHost fixture = fixture();
        fixture.realDpkgStatus();
        Instant installed = Instant.parse("2025-03-14T08:30:00Z");
        Files.setLastModifiedTime(fixture.write("/var/lib/dpkg/info/anydesk.list", "/usr/bin/anydesk\n"), FileTime.from(installed));
        Instant sameArch = Instant.parse("2024-01-02T03:04:05Z");
        Files.setLastModifiedTime(fixture.write("/var/lib/dpkg/info/libvncserver1:amd64.list", "/usr/lib\n"), FileTime.from(sameArch));

        Map<String, SoftwareItem> items = byName(new DpkgSource(fixture.host()).read());

        assertEquals(installed, items.get("anydesk").installedAt());
        assertEquals(sameArch, items.get("libvncserver1:amd64").installedAt());
        assertEquals(null, items.get("teamviewer").installedAt(), "no file list: not known");
    }

    @Test
    void truncatedStatusFileIsAProblemAndTheInventoryIsIncomplete() throws Exception {
        FixtureHost fixture = fixture();
        byte[] whole = Files.readAllBytes(fixture.realDpkgStatus());
        fixture.write(DpkgSource.STATUS, Arrays.copyOf(whole, whole.length / 2));

        SourceInventory inventory = new DpkgSource(fixture.host()).read();

        assertFalse(inventory.complete());
        assertTrue(inventory.items().size() > 100, "what was read before the cut is still listed");
        assertEquals(1, inventory.problems().size(), inventory.problems().toString());
        String message = inventory.problems().getFirst().message();
        assertTrue(message.contains("the file looks truncated and that package is left out"), message);
        assertEquals(DpkgSource.STATUS, inventory.problems().getFirst().path());
    }

    @Test
    void binaryStatusFileIsAProblemNotACrash() throws Exception {
        FixtureHost fixture = fixture();
        byte[] binary = new byte[200_000];
        new java.util.Random(7).nextBytes(binary);
        fixture.write(DpkgSource.STATUS, binary);

        SourceInventory inventory = new DpkgSource(fixture.host()).read();

        assertFalse(inventory.complete());
        assertTrue(inventory.items().isEmpty());
        String message = inventory.problems().getFirst().message();
        assertTrue(message.contains("not a dpkg status file"), message);
    }

    @Test
    void executableCopiedOverTheStatusFileIsRecognisedAsBinary() throws Exception {
        FixtureHost fixture = fixture();
        fixture.write(DpkgSource.STATUS, Files.readAllBytes(Path.of(ProcessHandle.current().info().command().orElseThrow())));
        SourceInventory inventory = new DpkgSource(fixture.host()).read();
        assertFalse(inventory.complete());
        assertTrue(inventory.problems().getFirst().message().contains("not a dpkg status file"), inventory.problems().toString());
    }

    @Test
    void malformedStanzaIsSkippedWithItsLineAndTheOthersStillCount() {
        FixtureHost fixture = fixture();
        fixture.write(DpkgSource.STATUS, """
                Package: good-one
                Status: install ok installed
                Version: 1.0

                Package: broken
                Status: install ok installed
                this line has no colon
                Version: 2.0

                Package: ../../etc/evil
                Status: install ok installed
                Version: 3.0

                Package: no-version
                Status: install ok installed

                Package: good-two
                Status: install ok unpacked
                Version: 4.0
                """);

        SourceInventory inventory = new DpkgSource(fixture.host()).read();

        assertEquals(java.util.Set.of("good-one", "good-two"), byName(inventory).keySet());
        assertEquals(3, inventory.problems().size(), inventory.problems().toString());
        assertTrue(inventory.problems().get(0).message().contains("line 7 is not a \"Field: value\" line"), inventory.problems().toString());
        assertTrue(inventory.problems().get(1).message().contains("not a valid package name"));
        assertTrue(inventory.problems().get(2).message().contains("without a Version"));
        assertFalse(inventory.complete());
    }

    @Test
    void missingStatusFileMeansNoDpkgOnThisHost() {
        SourceInventory inventory = new DpkgSource(fixture().host()).read();
        assertTrue(inventory.complete());
        assertTrue(inventory.items().isEmpty());
        assertTrue(inventory.problems().isEmpty());
    }

    @Test
    void unchangedStatusFileIsNotParsedAgainButAChangedOneIs() throws Exception {
        FixtureHost fixture = fixture();
        Path status = fixture.realDpkgStatus();
        DpkgSource source = new DpkgSource(fixture.host());
        SourceInventory first = source.read();

        assertSame(first, source.read());

        // dpkg writes status.new and renames it over status: a new inode, whatever the size and time.
        Path replacement = status.resolveSibling("status-new");
        Files.writeString(replacement, Files.readString(status) + "\nPackage: freshly-installed\nStatus: install ok installed\nVersion: 1\n",
                StandardCharsets.UTF_8);
        Files.move(replacement, status, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SourceInventory second = source.read();
        assertEquals(first.items().size() + 1, second.items().size());
        assertNotNull(byName(second).get("freshly-installed"));
    }

    @Test
    void statusFileLargerThanTheLimitIsRefused() throws Exception {
        FixtureHost fixture = fixture();
        long size = Files.size(fixture.realDpkgStatus());
        SourceInventory inventory = new DpkgSource(fixture.host(), size - 1).read();
        assertFalse(inventory.complete());
        assertTrue(inventory.problems().getFirst().message().contains("larger than"), inventory.problems().toString());
    }
}
