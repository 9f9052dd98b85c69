package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.server.api.ApiFixture;
import vn.canhgac.server.api.ApiJson;
import vn.canhgac.server.imports.TestBundles;

/** canhgacctl import run in-process against a real admin API on 127.0.0.1. */
class CtlImportTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private TestBundles.Agent agent;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir.resolve("server"));
        agent = TestBundles.enrol(api.tokens, api.database.agents(), api.ca);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aDirectoryIsImportedInSequenceOrderAndImportingAgainStoresNothingNew() throws Exception {
        Path usb = dir.resolve("usb");
        TestBundles.bundle(usb, agent, 6, 5);
        TestBundles.bundle(usb, agent, 1, 5);

        CtlRun first = ctl("import", usb.toString());
        CtlRun again = ctl("import", usb.toString());

        assertEquals(0, first.exitCode(), first.err());
        List<String> lines = first.out().lines().toList();
        assertEquals(BundleFormat.fileName(agent.id(), 1, 5) + ": agent " + agent.id() + ", events 1..5: 5 received, 5 stored, 0 already held",
                lines.get(0));
        assertTrue(lines.get(1).startsWith(BundleFormat.fileName(agent.id(), 6, 10) + ": "), first.out());
        assertEquals("Imported 2 files: 10 events stored, 0 already held.", lines.get(2));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("5 received, 0 stored, 5 already held (nothing new: the server held them all)"), again.out());
        assertTrue(again.out().contains("Imported 2 files: 0 events stored, 10 already held."), again.out());
        assertEquals(10, api.database.events().count(Optional.of(agent.id())));
    }

    @Test
    void aRefusedFileStopsTheImportNamesTheFileAndKeepsWhatCameBefore() throws Exception {
        Path usb = dir.resolve("usb");
        TestBundles.bundle(usb, agent, 1, 5);
        Path second = TestBundles.bundle(usb, agent, 6, 5);
        byte[] bytes = Files.readAllBytes(second);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        bytes[text.indexOf("\"n\":7") + 4] = '9';
        Files.write(second, bytes);

        CtlRun run = ctl("import", usb.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgacctl: " + second + ": the bundle's signature does not verify"), run.err());
        assertTrue(run.err().contains("(HTTP 422)"), run.err());
        assertTrue(run.err().contains("files before it were imported"), run.err());
        assertTrue(run.out().contains("events 1..5: 5 received, 5 stored"), run.out());
        assertEquals(5, api.database.events().count(Optional.of(agent.id())));
    }

    @Test
    void aGapIsRefusedUntilAcceptedOnTheCommandLine() throws Exception {
        Path later = TestBundles.bundle(dir.resolve("usb"), agent, 4, 2);

        CtlRun refused = ctl("import", later.toString());
        CtlRun accepted = ctl("import", "--accept-gap", later.toString());

        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("events 1..3 would be missing"), refused.err());
        assertTrue(refused.err().contains("(HTTP 409)"), refused.err());
        assertEquals(0, accepted.exitCode(), accepted.err());
        assertTrue(accepted.out().contains("the 3 events before sequence 4 were never imported (gap accepted)"), accepted.out());
    }

    @Test
    void jsonPrintsTheApisAnswerForEachFile() throws Exception {
        Path bundle = TestBundles.bundle(dir.resolve("usb"), agent, 1, 3);

        CtlRun run = ctl("import", bundle.toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, ApiJson.mapper().readTree(run.out()).get("stored").intValue());
    }

    @Test
    void missingFilesEmptyDirectoriesAndOversizedFilesAreRefusedBeforeAnythingIsSent() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path huge = dir.resolve("huge" + BundleFormat.FILE_SUFFIX);
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(BundleFormat.MAX_FILE_BYTES + 1L);
        }

        CtlRun missing = ctl("import", dir.resolve("nope.cgbundle").toString());
        CtlRun none = ctl("import", empty.toString());
        CtlRun oversized = ctl("import", huge.toString());

        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.cgbundle does not exist"), missing.err());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("holds no *.cgbundle file"), none.err());
        assertEquals(1, oversized.exitCode());
        assertTrue(oversized.err().contains("it is not a bundle written by canhgac-agent export"), oversized.err());
        assertEquals(0, api.database.events().count(Optional.empty()));
    }

    /** canhgacctl as the fixture's logged-in admin. */
    private CtlRun ctl(String... args) {
        return CtlRun.as(api, dir, ApiFixture.ADMIN, api.credential, args);
    }
}
