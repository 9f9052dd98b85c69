package vn.canhgac.agent.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.hwpf.usermodel.CharacterRun;
import org.apache.poi.hwpf.usermodel.HeaderStories;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Word 97-2003 (.doc), through POI's HWPF: headers, body paragraphs, tables, text boxes and
 * footers, each character run decoded by its font. Field codes (between the field-begin and
 * field-separator marks) are not text; a manual line break (U+000B) ends a unit.
 */
final class DocExtractor implements Extractor {

    private static final char FIELD_BEGIN = '\u0013';
    private static final char FIELD_SEPARATOR = '\u0014';
    private static final char FIELD_END = '\u0015';
    private static final char LINE_BREAK = '\u000B';

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true); HWPFDocument doc = new HWPFDocument(fs)) {
            deadline.check();
            HeaderStories stories = new HeaderStories(doc);
            for (Range header : new Range[] {stories.getFirstHeaderSubrange(), stories.getEvenHeaderSubrange(),
                    stories.getOddHeaderSubrange()}) {
                paragraphs(header, () -> "header", deadline, sink);
            }
            body(doc.getRange(), deadline, sink);
            paragraphs(doc.getMainTextboxRange(), () -> "text box", deadline, sink);
            for (Range footer : new Range[] {stories.getFirstFooterSubrange(), stories.getEvenFooterSubrange(),
                    stories.getOddFooterSubrange()}) {
                paragraphs(footer, () -> "footer", deadline, sink);
            }
        } catch (OldWordFileFormatException e) {
            throw new DocumentException("Word 6.0/95 format: not read by this scanner");
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("encrypted Word document: its text cannot be read without the password");
        }
    }

    private static void body(Range range, Deadline deadline, UnitSink sink) {
        int tables = 0;
        int paragraphs = 0;
        int count = range.numParagraphs();
        for (int i = 0; i < count; i++) {
            deadline.check();
            Paragraph paragraph = range.getParagraph(i);
            if (paragraph.isInTable()) {
                Table table = range.getTable(paragraph);
                int number = ++tables;
                for (int r = 0; r < table.numRows(); r++) {
                    TableRow row = table.getRow(r);
                    for (int c = 0; c < row.numCells(); c++) {
                        TableCell cell = row.getCell(c);
                        String where = "table " + number + " cell " + (r + 1) + "," + (c + 1);
                        paragraphs(cell, () -> where, deadline, sink);
                    }
                }
                i += Math.max(0, table.numParagraphs() - 1);
                continue;
            }
            String where = "paragraph " + ++paragraphs;
            paragraph(paragraph, () -> where, sink);
        }
    }

    private static void paragraphs(Range range, Supplier<String> where, Deadline deadline, UnitSink sink) {
        if (range == null) {
            return;
        }
        for (int i = 0; i < range.numParagraphs(); i++) {
            deadline.check();
            paragraph(range.getParagraph(i), where, sink);
        }
    }

    private static void paragraph(Paragraph paragraph, Supplier<String> where, UnitSink sink) {
        UnitText unit = new UnitText();
        // One entry per open field: true while in its code part, false once in its result.
        Deque<Boolean> fields = new ArrayDeque<>();
        StringBuilder run = new StringBuilder();
        for (int r = 0; r < paragraph.numCharacterRuns(); r++) {
            CharacterRun characters = paragraph.getCharacterRun(r);
            LegacyEncoding encoding = LegacyEncoding.forFont(fontName(characters));
            String text = characters.text();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == FIELD_BEGIN) {
                    fields.push(true);
                } else if (c == FIELD_SEPARATOR) {
                    if (!fields.isEmpty()) {
                        fields.pop();
                        fields.push(false);
                    }
                } else if (c == FIELD_END) {
                    fields.poll();
                } else if (fields.contains(true)) {
                    continue;
                } else if (c == LINE_BREAK) {
                    unit.append(run, encoding);
                    run.setLength(0);
                    unit.flush(sink, where);
                } else if (c == '\t') {
                    run.append(' ');
                } else if (c >= ' ') {
                    run.append(c);
                }
            }
            unit.append(run, encoding);
            run.setLength(0);
        }
        unit.flush(sink, where);
    }

    private static String fontName(CharacterRun run) {
        try {
            return run.getFontName();
        } catch (RuntimeException e) {
            // A damaged font table leaves the run without a font: it is read as Unicode.
            return null;
        }
    }
}
