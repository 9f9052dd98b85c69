package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Word 2007+ (.docx): headers, the body (paragraphs, tables, text boxes) and footers, read from
 * the package's XML with {@link XmlScanner}. Runs are joined per paragraph and decoded by their
 * font (run font, character style, paragraph style, document default), and each line of a
 * paragraph (split at manual line breaks) is a unit. Deleted text and field codes are not text
 * ({@code w:delText}, {@code w:instrText}); the VML fallback copy of a text box is skipped.
 */
final class DocxExtractor implements Extractor {

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        try (ZipDocument zip = ZipDocument.open(file, limits, deadline)) {
            String main = OfficeParts.mainPart(zip, "word/document.xml");
            if (!zip.has(main)) {
                throw new DocumentException("no main document part: not a Word document");
            }
            String folder = OfficeParts.folderOf(main);
            WordStyles styles = WordStyles.read(zip, folder + "styles.xml");
            for (String header : zip.parts(folder, "header")) {
                readPart(zip, header, "header", styles, sink);
            }
            readPart(zip, main, null, styles, sink);
            for (String footer : zip.parts(folder, "footer")) {
                readPart(zip, footer, "footer", styles, sink);
            }
        }
    }

    private static void readPart(ZipDocument zip, String part, String region, WordStyles styles, UnitSink sink) throws IOException {
        try (InputStream in = zip.open(part)) {
            if (in != null) {
                new PartReader(new XmlScanner(in), region, styles, sink).read();
            }
        }
    }

    /** One pass over one part; the stacks follow the nesting of tables, text boxes and paragraphs. */
    private static final class PartReader {
        private final XmlScanner xml;
        private final WordStyles styles;
        private final UnitSink sink;
        private final Deque<Paragraph> paragraphs = new ArrayDeque<>();
        private final Positions positions = new Positions();
        private int runDepth;
        private String runFont;
        private String runStyleFont;
        private LegacyEncoding runEncoding;

        PartReader(XmlScanner xml, String region, WordStyles styles, UnitSink sink) {
            this.xml = xml;
            this.styles = styles;
            positions.region(region);
            this.sink = sink;
        }

        void read() {
            for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                switch (event) {
                    case XmlScanner.START -> start(xml.name());
                    case XmlScanner.END -> end(xml.name());
                    case XmlScanner.TEXT -> {
                        if (!paragraphs.isEmpty()) {
                            paragraphs.peek().text.append(xml.text(), encoding());
                        }
                    }
                    default -> { }
                }
            }
        }

        private void start(String name) {
            switch (name) {
                case "p" -> paragraphs.push(new Paragraph(positions.nextParagraph()));
                case "pStyle" -> {
                    if (!paragraphs.isEmpty()) {
                        paragraphs.peek().styleFont = styles.font(xml.attribute("val"));
                    }
                }
                case "r" -> {
                    runDepth++;
                    runFont = null;
                    runStyleFont = null;
                    runEncoding = null;
                }
                case "rFonts" -> runFont = WordStyles.runFont(xml);
                case "rStyle" -> runStyleFont = styles.font(xml.attribute("val"));
                case "t" -> xml.captureText(runDepth > 0);
                case "tab" -> appendInRun(' ');
                case "noBreakHyphen" -> appendInRun('-');
                case "br", "cr" -> {
                    if (runDepth > 0 && !paragraphs.isEmpty()) {
                        Paragraph paragraph = paragraphs.peek();
                        paragraph.text.flush(sink, () -> paragraph.location);
                    }
                }
                case "tbl" -> positions.startTable();
                case "tr" -> positions.startRow();
                case "tc" -> positions.startCell(0);
                case "txbxContent" -> positions.startTextBox();
                case "Fallback" -> xml.skipElement();
                default -> { }
            }
        }

        private void end(String name) {
            switch (name) {
                case "p" -> {
                    if (!paragraphs.isEmpty()) {
                        Paragraph paragraph = paragraphs.pop();
                        paragraph.text.flush(sink, () -> paragraph.location);
                    }
                }
                case "t" -> xml.captureText(false);
                case "r" -> runDepth = Math.max(0, runDepth - 1);
                case "tbl" -> positions.endTable();
                case "txbxContent" -> positions.endTextBox();
                default -> { }
            }
        }

        private void appendInRun(char c) {
            if (runDepth > 0 && !paragraphs.isEmpty()) {
                paragraphs.peek().text.append(c);
            }
        }

        private LegacyEncoding encoding() {
            if (runEncoding == null) {
                String font = runFont != null ? runFont : runStyleFont;
                if (font == null && !paragraphs.isEmpty()) {
                    font = paragraphs.peek().styleFont;
                }
                runEncoding = LegacyEncoding.forFont(font != null ? font : styles.defaultFont());
            }
            return runEncoding;
        }
    }

    private static final class Paragraph {
        final UnitText text = new UnitText();
        final String location;
        String styleFont;

        Paragraph(String location) {
            this.location = location;
        }
    }
}
