package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5 acceptance: precision and recall are both 1.0 on the corpus, in every format. */
class MarkCorpusTest {

    private static final ScanLimits LIMITS = ScanLimits.forMaxFileSizeMb(200);

    @TempDir
    Path directory;

    @Test
    void everyFormatPositionAndEncodingIsFoundAndNoDecoyIs() throws IOException {
        List<MarkCorpus.Entry> corpus = new ArrayList<>();
        for (String format : List.of("docx", "xlsx", "odt", "rtf", "pdf", "txt")) {
            Path folder = Files.createDirectories(directory.resolve(format));
            corpus.addAll(MarkCorpus.write(folder, format));
        }
        corpus.addAll(DocFixtures.entries());
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        List<String> wrong = new ArrayList<>();
        try (DocumentReader reader = new DocumentReader(System::nanoTime)) {
            for (MarkCorpus.Entry entry : corpus) {
                ReadOutcome outcome = reader.read(entry.file(), entry.file().getFileName().toString(), LIMITS);
                Level found = outcome instanceof ReadOutcome.Marked marked ? marked.level() : null;
                boolean declassified = outcome instanceof ReadOutcome.Marked marked && marked.declassified();
                boolean right = found == entry.expected() && declassified == entry.declassified();
                if (entry.expected() != null && right) {
                    truePositives++;
                } else if (entry.expected() != null) {
                    falseNegatives++;
                }
                if (found != null && !right) {
                    falsePositives++;
                }
                if (!right) {
                    wrong.add(entry.description() + ": got " + outcome);
                }
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        String report = corpus.size() + " documents, precision " + precision + ", recall " + recall + "\n" + String.join("\n", wrong);
        assertEquals(1.0, precision, report);
        assertEquals(1.0, recall, report);
        assertTrue(wrong.isEmpty(), report);
        assertTrue(Stream.of("docx", "xlsx", "odt", "rtf", "pdf", "txt", "doc")
                .allMatch(format -> corpus.stream().anyMatch(entry -> entry.file().toString().endsWith("." + format))),
                "the corpus has every format: " + corpus.stream().map(entry -> entry.file().getFileName().toString()).toList());
    }
}
