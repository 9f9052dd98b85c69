package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Position;
import vn.canhgac.agent.host.HostRoot;

class DocumentScannerTest {

    private static final ScanLimits LIMITS = ScanLimits.forMaxFileSizeMb(20);

    @TempDir
    Path root;

    @TempDir
    Path state;

    @Test
    void anUnchangedTreeIsNotReadAgainEvenAfterARestart() throws IOException {
        Path docs = Files.createDirectories(root.resolve("home/a"));
        SampleDocuments.docx(docs.resolve("a.docx"), List.of(Block.of(Position.PARAGRAPH, "TUYỆT MẬT")));
        SampleDocuments.txt(docs.resolve("b.txt"), List.of(Block.of(Position.PARAGRAPH, "mật khẩu")));
        Files.writeString(docs.resolve("notes.md"), "MẬT");

        DocumentScanner.Summary first = scan();
        assertEquals(2, first.files());
        assertEquals(2, first.read());
        assertEquals(1, first.marked());

        DocumentScanner.Summary second = scan();
        assertEquals(0, second.read(), "unchanged files are answered by the index");
        assertEquals(2, second.fromIndex());
        assertEquals(1, second.marked(), "a cached mark is still reported");

        SampleDocuments.txt(docs.resolve("b.txt"), List.of(Block.of(Position.PARAGRAPH, "MẬT")));
        Files.setLastModifiedTime(docs.resolve("b.txt"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.delete(docs.resolve("a.docx"));
        DocumentScanner.Summary third = scan();
        assertEquals(1, third.read());
        assertEquals(1, third.marked());
        try (SqliteScanIndex index = SqliteScanIndex.open(state.resolve("index.db"))) {
            assertEquals(List.of("/home/a/b.txt"), index.marked().stream().map(ScannedDocument::hostPath).toList(),
                    "the deleted file is forgotten, the changed one is marked");
        }
    }

    @Test
    void nestedAndRepeatedRootsAreWalkedOnce() {
        assertEquals(List.of("/home", "/root"), DocumentScanner.distinct(List.of("/home", "/home/a/", "/root", "/home")));
    }

    private DocumentScanner.Summary scan() {
        List<ScannedDocument> results = new ArrayList<>();
        try (SqliteScanIndex index = SqliteScanIndex.open(state.resolve("index.db"));
             DocumentReader reader = new DocumentReader(System::nanoTime)) {
            return new DocumentScanner(HostRoot.of(root), index, reader, Throttle.none(), System::nanoTime)
                    .scan(List.of("/home", "/root"), false, LIMITS, results::add);
        }
    }
}
