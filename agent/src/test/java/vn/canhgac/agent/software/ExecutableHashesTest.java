package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableHashesTest {

    @TempDir
    Path directory;

    @Test
    void sameFileIsNotReadAgainWhileSizeTimeAndInodeStay() throws Exception {
        Path file = directory.resolve("tool");
        Files.writeString(file, "version one", StandardCharsets.UTF_8);
        FileTime time = Files.getLastModifiedTime(file);
        ExecutableHashes hashes = new ExecutableHashes();
        String first = hashes.sha256("/opt/tool", file);

        // Same length, same time, same inode, different bytes: only a cache would still answer the old hash.
        Files.writeString(file, "version two", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, time);

        assertEquals(first, hashes.sha256("/opt/tool", file));
        assertEquals(FixtureHost.sha256("version one".getBytes(StandardCharsets.UTF_8)), first);
    }

    @Test
    void changedFileIsHashedAgain() throws Exception {
        Path file = directory.resolve("tool");
        Files.writeString(file, "version one", StandardCharsets.UTF_8);
        ExecutableHashes hashes = new ExecutableHashes();
        hashes.sha256("/opt/tool", file);

        Files.writeString(file, "version two", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));

        assertEquals(FixtureHost.sha256("version two".getBytes(StandardCharsets.UTF_8)), hashes.sha256("/opt/tool", file));
    }
}
