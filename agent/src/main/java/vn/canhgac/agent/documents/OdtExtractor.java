package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenDocument text (.odt): headers and footers from the master pages in {@code styles.xml},
 * then the body of {@code content.xml} (paragraphs and headings, tables, text boxes). Fonts come
 * from the styles: a span's text style, else its paragraph's style, following parent styles to
 * the default, and from the font-face declarations to the family name.
 */
final class OdtExtractor implements Extractor {

    private static final int MAX_PARENT_DEPTH = 32;

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        try (ZipDocument zip = ZipDocument.open(file, limits, deadline)) {
            if (!zip.has("content.xml")) {
                throw new DocumentException("no content.xml: not an OpenDocument text");
            }
            Styles styles = new Styles();
            readPart(zip, "styles.xml", styles, sink);
            readPart(zip, "content.xml", styles, sink);
        }
    }

    private static void readPart(ZipDocument zip, String part, Styles styles, UnitSink sink) throws IOException {
        try (InputStream in = zip.open(part)) {
            if (in != null) {
                new PartReader(new XmlScanner(in), styles, sink).read();
            }
        }
    }

    /** Font faces and styles; content.xml's automatic styles add to those of styles.xml. */
    private static final class Styles {
        private record Style(String parent, String fontFace) {}

        private final Map<String, String> families = new HashMap<>();
        private final Map<String, Style> styles = new HashMap<>();
        private String defaultFontFace;

        String font(String styleName) {
            String name = styleName;
            for (int depth = 0; name != null && depth < MAX_PARENT_DEPTH; depth++) {
                Style style = styles.get(name);
                if (style == null) {
                    break;
                }
                if (style.fontFace() != null) {
                    return family(style.fontFace());
                }
                name = style.parent();
            }
            return null;
        }

        String defaultFont() {
            return family(defaultFontFace);
        }

        private String family(String face) {
            if (face == null) {
                return null;
            }
            String family = families.getOrDefault(face, face);
            return family.replace("'", "").replace("\"", "");
        }
    }

    private static final class PartReader {
        private final XmlScanner xml;
        private final Styles styles;
        private final UnitSink sink;
        private final Deque<Paragraph> paragraphs = new ArrayDeque<>();
        private final Positions positions = new Positions();
        private final Deque<LegacyEncoding> spans = new ArrayDeque<>();
        private String styleName;
        private String styleParent;
        private String styleFont;
        private boolean defaultStyle;
        private int regionDepth;

        PartReader(XmlScanner xml, Styles styles, UnitSink sink) {
            this.xml = xml;
            this.styles = styles;
            this.sink = sink;
        }

        void read() {
            for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                switch (event) {
                    case XmlScanner.START -> start(xml.name());
                    case XmlScanner.END -> end(xml.name());
                    case XmlScanner.TEXT -> {
                        if (!paragraphs.isEmpty()) {
                            Paragraph paragraph = paragraphs.peek();
                            paragraph.text.append(xml.text(), spans.isEmpty() ? paragraph.encoding : spans.peek());
                        }
                    }
                    default -> { }
                }
            }
        }

        private void start(String name) {
            switch (name) {
                case "font-face" -> styles.families.put(xml.attribute("name"), nonNull(xml.attribute("font-family")));
                case "style" -> {
                    styleName = xml.attribute("name");
                    styleParent = xml.attribute("parent-style-name");
                    styleFont = null;
                }
                case "default-style" -> defaultStyle = "paragraph".equals(xml.attribute("family"));
                case "text-properties" -> {
                    String font = xml.attribute("font-name");
                    if (font != null) {
                        if (defaultStyle && styles.defaultFontFace == null) {
                            styles.defaultFontFace = font;
                        } else {
                            styleFont = font;
                        }
                    }
                }
                case "header", "header-left", "header-first", "footer", "footer-left", "footer-first" -> {
                    if (regionDepth++ == 0) {
                        positions.region(name.startsWith("header") ? "header" : "footer");
                    }
                }
                case "p", "h" -> {
                    String paragraphFont = styles.font(xml.attribute("style-name"));
                    LegacyEncoding encoding = LegacyEncoding.forFont(paragraphFont != null ? paragraphFont : styles.defaultFont());
                    paragraphs.push(new Paragraph(positions.nextParagraph(), encoding));
                    xml.captureText(true);
                }
                case "span" -> {
                    String font = styles.font(xml.attribute("style-name"));
                    LegacyEncoding outer = spans.isEmpty() ? paragraphEncoding() : spans.peek();
                    spans.push(font != null ? LegacyEncoding.forFont(font) : outer);
                }
                case "s" -> {
                    if (!paragraphs.isEmpty()) {
                        paragraphs.peek().text.append(' ');
                    }
                }
                case "tab" -> {
                    if (!paragraphs.isEmpty()) {
                        paragraphs.peek().text.append(' ');
                    }
                }
                case "line-break" -> {
                    if (!paragraphs.isEmpty()) {
                        Paragraph paragraph = paragraphs.peek();
                        paragraph.text.flush(sink, () -> paragraph.location);
                    }
                }
                case "table" -> positions.startTable();
                case "table-row" -> positions.startRow();
                case "table-cell", "covered-table-cell" -> {
                    String repeated = xml.attribute("number-columns-repeated");
                    positions.startCell(repeated == null ? 0 : Math.min(16_384, Math.max(0, parseCount(repeated) - 1)));
                }
                case "text-box" -> positions.startTextBox();
                case "tracked-changes", "annotation", "note-citation", "sequence-decls" -> xml.skipElement();
                default -> { }
            }
        }

        private void end(String name) {
            switch (name) {
                case "style" -> {
                    if (styleName != null) {
                        styles.styles.put(styleName, new Styles.Style(styleParent, styleFont));
                    }
                    styleName = null;
                }
                case "default-style" -> defaultStyle = false;
                case "header", "header-left", "header-first", "footer", "footer-left", "footer-first" -> {
                    if (--regionDepth <= 0) {
                        positions.region(null);
                        regionDepth = 0;
                    }
                }
                case "p", "h" -> {
                    if (!paragraphs.isEmpty()) {
                        Paragraph paragraph = paragraphs.pop();
                        paragraph.text.flush(sink, () -> paragraph.location);
                    }
                    xml.captureText(!paragraphs.isEmpty());
                }
                case "span" -> spans.poll();
                case "table" -> positions.endTable();
                case "text-box" -> positions.endTextBox();
                default -> { }
            }
        }

        private LegacyEncoding paragraphEncoding() {
            return paragraphs.isEmpty() ? LegacyEncoding.UNICODE : paragraphs.peek().encoding;
        }

        private static int parseCount(String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        }

        private static String nonNull(String text) {
            return text == null ? "" : text;
        }
    }

    private static final class Paragraph {
        final UnitText text = new UnitText();
        final String location;
        final LegacyEncoding encoding;

        Paragraph(String location, LegacyEncoding encoding) {
            this.location = location;
            this.encoding = encoding;
        }
    }
}
