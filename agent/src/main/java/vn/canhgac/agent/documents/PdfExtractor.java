package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDF text layer, through PDFBox: each text line of each page is a unit, and a run of glyphs is
 * decoded by its font's name (a PDF made from a {@code .VnTimeH} document extracts as "MËT").
 * Scanned pages without a text layer have nothing to find (no OCR). PDFBox repairs damaged
 * files where it can, so a file without its end-of-file marker is read as far as it goes and
 * then reported as truncated (a mark found before that still counts).
 */
final class PdfExtractor implements Extractor {

    private static final int TAIL_BYTES = 1024;

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        boolean truncated = !endsWithEofMarker(file);
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(limits.maxExpandedBytes()).streamCache)) {
            deadline.check();
            Stripper stripper = new Stripper(deadline, sink);
            stripper.writeText(pdf, Writer.nullWriter());
        } catch (InvalidPasswordException e) {
            throw new DocumentException("encrypted PDF: its text cannot be read without the password");
        } catch (IOException e) {
            throw new DocumentException("not a readable PDF (truncated or corrupt): " + e.getMessage());
        }
        if (truncated) {
            throw new DocumentException("truncated PDF (no %%EOF marker at the end): its text may be incomplete");
        }
    }

    private static boolean endsWithEofMarker(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.max(0, size - TAIL_BYTES));
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("%%EOF");
        }
    }

    private static final class Stripper extends PDFTextStripper {
        private final Deadline deadline;
        private final UnitSink sink;
        private final UnitText unit = new UnitText();
        private final StringBuilder run = new StringBuilder();
        private int page;

        Stripper(Deadline deadline, UnitSink sink) {
            this.deadline = deadline;
            this.sink = sink;
        }

        @Override
        protected void startPage(PDPage pdPage) {
            page = getCurrentPageNo();
        }

        @Override
        protected void endPage(PDPage pdPage) {
            flushUnit();
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            deadline.check();
            super.processTextPosition(text);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            String font = null;
            for (TextPosition position : positions) {
                String name = position.getFont() == null ? null : position.getFont().getName();
                if (!Objects.equals(name, font)) {
                    unit.append(run, LegacyEncoding.forFont(font));
                    run.setLength(0);
                    font = name;
                }
                run.append(position.getUnicode());
            }
            unit.append(run, LegacyEncoding.forFont(font));
            run.setLength(0);
        }

        @Override
        protected void writeString(String text) {
            // Text arrives through writeString(String, List) with its fonts; nothing is written out.
        }

        @Override
        protected void writeWordSeparator() {
            unit.append(' ');
        }

        @Override
        protected void writeLineSeparator() {
            flushUnit();
        }

        @Override
        protected void writeParagraphEnd() {
            flushUnit();
        }

        private void flushUnit() {
            int onPage = page;
            unit.flush(sink, () -> "page " + onPage);
        }
    }
}
