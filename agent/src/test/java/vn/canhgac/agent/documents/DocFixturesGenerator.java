package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the committed .doc fixtures from the .docx corpus with LibreOffice
 * ({@code apt-get install libreoffice-writer-nogui}). Runs only when asked:
 * {@code ./mvnw -pl agent -am test -Dtest=DocFixturesGenerator -Dcanhgac.regenerateDocFixtures=agent/src/test/resources/documents/doc}.
 */
class DocFixturesGenerator {

    @TempDir
    Path directory;

    @Test
    @EnabledIfSystemProperty(named = "canhgac.regenerateDocFixtures", matches = ".+")
    void convertsTheDocxCorpusToDoc() throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("canhgac.regenerateDocFixtures")).toAbsolutePath();
        Files.createDirectories(target);
        List<MarkCorpus.Entry> corpus = MarkCorpus.write(directory, "docx");
        Process soffice = new ProcessBuilder(command(corpus)).redirectErrorStream(true).redirectOutput(directory.resolve("soffice.log").toFile()).start();
        soffice.waitFor(5, TimeUnit.MINUTES);
        assertEquals(0, soffice.exitValue(), Files.readString(directory.resolve("soffice.log")));
        for (MarkCorpus.Entry entry : corpus) {
            String base = entry.file().getFileName().toString().replace(".docx", "");
            String expectation = (entry.expected() == null ? "NONE" : entry.expected().name()) + (entry.declassified() ? "-declassified" : "");
            Files.copy(directory.resolve("out").resolve(base + ".doc"), target.resolve(expectation + "__" + base + ".doc"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<String> command(List<MarkCorpus.Entry> corpus) {
        List<String> command = new ArrayList<>(List.of("soffice", "--headless", "--convert-to", "doc:MS Word 97", "--outdir",
                directory.resolve("out").toString()));
        corpus.forEach(entry -> command.add(entry.file().toString()));
        return command;
    }
}
