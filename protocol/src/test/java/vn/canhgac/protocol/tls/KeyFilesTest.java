package vn.canhgac.protocol.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path directory;

    @Test
    void secretIsWrittenOwnerOnly() throws Exception {
        Path key = directory.resolve("agent.key");
        KeyFiles.writeSecret(key, "secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(KeyFiles.isOwnerOnly(key));
        assertEquals("secret", Files.readString(key));
    }

    @Test
    void replacingASecretKeepsItOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path key = directory.resolve("agent.key");
        KeyFiles.writeSecret(key, "one");
        KeyFiles.writeSecret(key, "two");
        assertEquals("two", Files.readString(key));
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void groupReadableFileIsNotOwnerOnly() throws Exception {
        Path key = directory.resolve("leaky.key");
        Files.writeString(key, "x");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertFalse(KeyFiles.isOwnerOnly(key));
    }

    @Test
    void privateDirectoryIsOwnerOnly() throws Exception {
        Path nested = directory.resolve("a/b");
        KeyFiles.createPrivateDirectory(nested);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
    }
}
