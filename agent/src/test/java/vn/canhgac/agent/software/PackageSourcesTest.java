package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpm, Flatpak and Snap on fixture host roots; rpm through a stand-in for the rpm tool. */
class PackageSourcesTest {

    @TempDir
    Path root;

    @TempDir
    Path tools;

    /** A pretend rpm that records its arguments and prints what a real `rpm -qa --qf` would. */
    private Path fakeRpm(String output, int exitStatus) throws Exception {
        Path data = tools.resolve("rpm-output.txt");
        Files.writeString(data, output, StandardCharsets.UTF_8);
        Path script = tools.resolve("rpm");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + tools.resolve("rpm-args.txt") + "'\ncat '" + data + "'\n"
                + "echo 'rpm: warning: simulated' >&2\nexit " + exitStatus + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void rpmPackagesComeFromTheRpmToolRunAgainstTheHostRoot() throws Exception {
        FixtureHost fixture = new FixtureHost(root);
        fixture.write("/usr/lib/sysimage/rpm/rpmdb.sqlite", "sqlite");
        Path rpm = fakeRpm("""
                bash\t5.2.26-3.fc40\tx86_64\tFedora Project\t1718000000
                kernel-core\t6.8.5-301.fc40\tx86_64\tFedora Project\t1718000001
                kernel-core\t6.9.4-200.fc40\tx86_64\tFedora Project\t1718000002
                gpg-pubkey\ta15b79cc-63d04c2c\t(none)\t(none)\t1718000003
                anydesk\t6.3.2-1\tx86_64\tAnyDesk Software GmbH\t1718000004
                """, 0);

        RpmSource source = new RpmSource(fixture.host(), Optional.of(rpm));
        SourceInventory inventory = source.read();

        assertTrue(inventory.complete(), inventory.problems().toString());
        assertEquals(5, inventory.items().size());
        SoftwareItem anydesk = inventory.items().get(4);
        assertEquals("anydesk", anydesk.name());
        assertEquals("6.3.2-1", anydesk.version());
        assertEquals("AnyDesk Software GmbH", anydesk.publisher());
        assertEquals(Instant.ofEpochSecond(1718000004), anydesk.installedAt());
        assertEquals(List.of("bash.x86_64", "kernel-core.x86_64", "kernel-core.x86_64#6.9.4-200.fc40", "gpg-pubkey", "anydesk.x86_64"),
                inventory.items().stream().map(SoftwareItem::id).toList(), "install-only packages keep one id per version");
        assertNull(inventory.items().get(3).publisher());
        List<String> args = Files.readAllLines(tools.resolve("rpm-args.txt"));
        assertEquals(List.of("--root", root.toString(), "--dbpath", "/usr/lib/sysimage/rpm", "-qa", "--qf"), args.subList(0, 6));

        assertSame(inventory, source.read(), "an unchanged database is not queried again");
    }

    @Test
    void rpmDatabaseWithoutTheRpmToolIsAClearProblem() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.write("/var/lib/rpm/Packages", "bdb");
        SourceInventory inventory = new RpmSource(fixture.host(), Optional.empty()).read();
        assertFalse(inventory.complete());
        assertEquals("/var/lib/rpm", inventory.problems().getFirst().path());
        assertTrue(inventory.problems().getFirst().message().contains("rpm tool is not installed"));
    }

    @Test
    void failingRpmToolIsAProblemWithItsMessage() throws Exception {
        FixtureHost fixture = new FixtureHost(root);
        fixture.write("/var/lib/rpm/Packages", "bdb");
        SourceInventory inventory = new RpmSource(fixture.host(), Optional.of(fakeRpm("", 1))).read();
        assertFalse(inventory.complete());
        assertTrue(inventory.problems().getFirst().message().contains("exit status 1: rpm: warning: simulated"),
                inventory.problems().toString());
    }

    @Test
    void noRpmDatabaseMeansNoRpmPackagesAndNoProblem() {
        SourceInventory inventory = new RpmSource(new FixtureHost(root).host(), Optional.empty()).read();
        assertTrue(inventory.complete());
        assertTrue(inventory.items().isEmpty());
    }

    @Test
    void flatpakAppsOfTheSystemAndOfEachUserAreListedWithMetainfo() {
        FixtureHost fixture = new FixtureHost(root);
        String deploy = "/var/lib/flatpak/app/com.anydesk.Anydesk/x86_64/stable/3f2a";
        fixture.write(deploy + "/files/share/metainfo/com.anydesk.Anydesk.metainfo.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE component>
                <component type="desktop-application">
                  <id>com.anydesk.Anydesk</id>
                  <name>AnyDesk</name>
                  <developer id="com.anydesk"><name>AnyDesk Software GmbH</name></developer>
                  <releases><release version="6.3.2" date="2024-05-01"/><release version="6.3.1"/></releases>
                </component>
                """);
        fixture.link("/var/lib/flatpak/app/com.anydesk.Anydesk/x86_64/stable/active", "3f2a");
        String userDeploy = "/home/an/.local/share/flatpak/app/org.gimp.GIMP/x86_64/stable/77";
        fixture.write(userDeploy + "/files/share/appdata/org.gimp.GIMP.appdata.xml",
                "<component><developer_name>The GIMP Team</developer_name><releases><release version=\"2.10.38\"/></releases></component>");
        fixture.link("/home/an/.local/share/flatpak/app/org.gimp.GIMP/x86_64/stable/active", "77");
        fixture.write("/var/lib/flatpak/runtime/org.gnome.Platform/x86_64/46/aa/files/.ref", "");
        fixture.link("/var/lib/flatpak/runtime/org.gnome.Platform/x86_64/46/active", "aa");

        SourceInventory inventory = new FlatpakSource(fixture.host()).read();

        assertTrue(inventory.complete(), inventory.problems().toString());
        assertEquals(List.of("com.anydesk.Anydesk", "org.gnome.Platform", "org.gimp.GIMP"), inventory.items().stream().map(SoftwareItem::name).toList());
        SoftwareItem anydesk = inventory.items().getFirst();
        assertEquals("6.3.2", anydesk.version());
        assertEquals("AnyDesk Software GmbH", anydesk.publisher());
        assertEquals(deploy, anydesk.path());
        assertEquals("system/app/com.anydesk.Anydesk/x86_64/stable", anydesk.id());
        SoftwareItem gimp = inventory.items().get(2);
        assertEquals("user:an/app/org.gimp.GIMP/x86_64/stable", gimp.id());
        assertEquals("The GIMP Team", gimp.publisher());
        assertNull(inventory.items().get(1).version(), "no metainfo: version not known");
    }

    @Test
    void flatpakMetainfoWithAnExternalEntityIsRefusedNotFetched() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.write("/secret.txt", "do not read me");
        String deploy = "/var/lib/flatpak/app/org.evil.App/x86_64/stable/1";
        fixture.write(deploy + "/files/share/metainfo/org.evil.App.metainfo.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE component [<!ENTITY leak SYSTEM "file://%s">]>
                <component><developer_name>&leak;</developer_name></component>
                """.formatted(root.resolve("secret.txt")));
        fixture.link("/var/lib/flatpak/app/org.evil.App/x86_64/stable/active", "1");

        SourceInventory inventory = new FlatpakSource(fixture.host()).read();

        SoftwareItem app = inventory.items().getFirst();
        assertTrue(app.publisher() == null || !app.publisher().contains("do not read me"), String.valueOf(app.publisher()));
    }

    @Test
    void snapsAreListedFromTheirCurrentRevision() throws Exception {
        FixtureHost fixture = new FixtureHost(root);
        fixture.write("/snap/firefox/4793/meta/snap.yaml", "name: firefox\nversion: 128.0.3-1\nsummary: Mozilla Firefox web browser\n");
        fixture.link("/snap/firefox/current", "4793");
        fixture.write("/snap/bin/firefox", "");
        Path snapFile = fixture.write("/var/lib/snapd/snaps/firefox_4793.snap", "squashfs");
        Files.setLastModifiedTime(snapFile, java.nio.file.attribute.FileTime.from(Instant.parse("2024-07-20T10:00:00Z")));
        fixture.write("/snap/broken/12/meta/snap.yaml", "name: [unclosed\n");
        fixture.link("/snap/broken/current", "12");

        SourceInventory inventory = new SnapSource(fixture.host()).read();

        assertEquals(List.of("broken", "firefox"), inventory.items().stream().map(SoftwareItem::name).toList());
        SoftwareItem firefox = inventory.items().get(1);
        assertEquals("128.0.3-1", firefox.version());
        assertEquals("/snap/firefox/4793", firefox.path());
        assertEquals(Instant.parse("2024-07-20T10:00:00Z"), firefox.installedAt());
        assertEquals(1, inventory.problems().size());
        assertEquals("/snap/broken/12/meta/snap.yaml", inventory.problems().getFirst().path());
    }
}
