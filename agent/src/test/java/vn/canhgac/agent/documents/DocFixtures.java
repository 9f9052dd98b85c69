package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Word 97-2003 (.doc) part of the corpus: nothing in Java writes .doc faithfully, so these
 * were converted once from the generated .docx corpus by LibreOffice and are committed under
 * {@code src/test/resources/documents/doc/} ({@link DocFixturesGenerator} made them). A file's
 * name says what it holds: {@code <LEVEL|NONE>[-declassified]__<description>.doc}.
 */
final class DocFixtures {

    static final String RESOURCE = "/documents/doc";

    private DocFixtures() {}

    static List<MarkCorpus.Entry> entries() {
        Path folder = folder();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".doc")).sorted().map(DocFixtures::entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path folder() {
        URL url = DocFixtures.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("test resources " + RESOURCE + " are missing; run DocFixturesGenerator");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MarkCorpus.Entry entry(Path file) {
        String name = file.getFileName().toString();
        String expectation = name.substring(0, name.indexOf("__"));
        boolean declassified = expectation.endsWith("-declassified");
        String level = declassified ? expectation.substring(0, expectation.length() - "-declassified".length()) : expectation;
        return new MarkCorpus.Entry(file, level.equals("NONE") ? null : Level.valueOf(level), declassified, "doc " + name);
    }
}
