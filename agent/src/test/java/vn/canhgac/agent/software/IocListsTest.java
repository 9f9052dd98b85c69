package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IocListsTest {

    static final String A = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    static final String B = "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9";
    static final String C = "baa5a0964d3320fbc0c6a922140453c8513ea24ab8fd0577034804a967248096";

    @TempDir
    Path directory;

    @Test
    void sha256sumOutputCsvAndCommentsAreReadAndBadLinesNamed() throws Exception {
        Files.writeString(directory.resolve("vncert-2026-05.txt"), "# VNCERT IOC list\n" + A.toUpperCase() + "  AnyDesk-patched.exe\n\n"
                + B + ",dropper,2026-05-01\nnot-a-hash\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("local.sha256"), C + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(".hidden"), "ignored\n", StandardCharsets.UTF_8);

        IocLists.Loaded loaded = IocLists.load(List.of(directory));

        assertEquals(Map.of(A, "ioc:vncert-2026-05.txt", B, "ioc:vncert-2026-05.txt", C, "ioc:local.sha256"), loaded.hashes());
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().getFirst().message().startsWith("line 5 does not start with a SHA-256"));
    }

    @Test
    void missingDirectoryMeansNoLists() throws Exception {
        assertEquals(List.of(), IocLists.inDirectory(directory.resolve("absent")));
    }

    @Test
    void unreadableListIsAProblemNotAFailure() {
        IocLists.Loaded loaded = IocLists.load(List.of(directory.resolve("gone.txt")));
        assertTrue(loaded.hashes().isEmpty());
        assertTrue(loaded.problems().getFirst().message().contains("cannot read IOC list"));
    }
}
