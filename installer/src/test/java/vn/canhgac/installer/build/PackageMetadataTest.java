package vn.canhgac.installer.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageMetadataTest {

    @TempDir
    Path directory;

    @Test
    void snapshotVersionSortsBeforeItsRelease() {
        assertEquals("0.1.0~snapshot", DebianVersion.of("0.1.0-SNAPSHOT"));
        assertEquals("0.1.0", DebianVersion.of("0.1.0"));
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.of("snapshot"));
    }

    @Test
    void changelogIsOneEntryMaximallyCompressedWithoutTimestamp() throws IOException {
        Path file = directory.resolve("changelog.gz");
        String entry = DebianChangelog.entry("canhgac-agent", "0.1.0~snapshot", ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneOffset.UTC));
        DebianChangelog.write(file, entry);

        assertTrue(entry.startsWith("canhgac-agent (0.1.0~snapshot) unstable; urgency=medium\n"), entry);
        assertTrue(entry.endsWith(" -- Canh Gac developers <canhgac@example.invalid>  Mon, 23 Nov 2026 12:00:00 +0000\n"), entry);
        byte[] gzip = Files.readAllBytes(file);
        assertEquals(List.of(0, 0, 0, 0), List.of((int) gzip[4], (int) gzip[5], (int) gzip[6], (int) gzip[7]), "no modification time");
        assertEquals(2, gzip[8], "XFL says maximum compression");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals(entry, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void applicationJarsAreTheJarAndItsManifestClassPath() throws IOException {
        Path dependencies = Files.createDirectories(directory.resolve("dependencies"));
        jar(dependencies.resolve("app-1.jar"), "a-1.jar b-2.jar");
        Files.writeString(dependencies.resolve("a-1.jar"), "a");
        Files.writeString(dependencies.resolve("b-2.jar"), "b");
        Files.writeString(dependencies.resolve("unrelated-3.jar"), "c");

        assertEquals(List.of("app-1.jar", "a-1.jar", "b-2.jar"), ApplicationJars.copy(dependencies, "app-1.jar", directory.resolve("lib")));
        try (var files = Files.list(directory.resolve("lib"))) {
            assertEquals(3, files.count(), "unrelated jars stay behind");
        }
    }

    @Test
    void missingClassPathJarIsNamed() throws IOException {
        Path dependencies = Files.createDirectories(directory.resolve("dependencies"));
        jar(dependencies.resolve("app-1.jar"), "gone-1.jar");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ApplicationJars.copy(dependencies, "app-1.jar", directory.resolve("lib")));
        assertTrue(error.getMessage().startsWith("app-1.jar needs gone-1.jar, which is not in"), error.getMessage());
    }

    private static void jar(Path file, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        new JarOutputStream(Files.newOutputStream(file), manifest).close();
    }
}
