package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The fonts a Word document's styles give its text ({@code word/styles.xml}): a TCVN3 document
 * usually sets {@code .VnTime} once, in the default paragraph style or the document defaults,
 * not on each run.
 */
final class WordStyles {

    private static final int MAX_BASED_ON_DEPTH = 32;

    private record Style(String basedOn, String font) {}

    private final Map<String, Style> styles = new HashMap<>();
    private String defaultParagraphStyle;
    private String documentDefaultFont;

    static WordStyles read(ZipDocument zip, String part) throws IOException {
        WordStyles result = new WordStyles();
        try (InputStream in = zip.open(part)) {
            if (in != null) {
                result.parse(new XmlScanner(in));
            }
        }
        return result;
    }

    private void parse(XmlScanner xml) {
        String id = null;
        String basedOn = null;
        String font = null;
        boolean inDefaults = false;
        for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
            if (event == XmlScanner.START) {
                switch (xml.name()) {
                    case "docDefaults" -> inDefaults = true;
                    case "style" -> {
                        id = xml.attribute("styleId");
                        basedOn = null;
                        font = null;
                        if ("1".equals(xml.attribute("default")) && "paragraph".equals(xml.attribute("type"))) {
                            defaultParagraphStyle = id;
                        }
                    }
                    case "basedOn" -> basedOn = xml.attribute("val");
                    case "rFonts" -> {
                        String named = runFont(xml);
                        if (inDefaults) {
                            documentDefaultFont = named;
                        } else {
                            font = named;
                        }
                    }
                    default -> { }
                }
            } else if (event == XmlScanner.END) {
                if (xml.name().equals("docDefaults")) {
                    inDefaults = false;
                } else if (xml.name().equals("style") && id != null) {
                    styles.put(id, new Style(basedOn, font));
                    id = null;
                }
            }
        }
    }

    /** The font a {@code w:rFonts} element names for Latin text: high-ANSI first (where legacy bytes fall), then ASCII. */
    static String runFont(XmlScanner xml) {
        String font = xml.attribute("hAnsi");
        return font != null ? font : xml.attribute("ascii");
    }

    /** The font of a style, following {@code basedOn}; null if no style in the chain sets one. */
    String font(String styleId) {
        String id = styleId;
        for (int depth = 0; id != null && depth < MAX_BASED_ON_DEPTH; depth++) {
            Style style = styles.get(id);
            if (style == null) {
                return null;
            }
            if (style.font() != null) {
                return style.font();
            }
            id = style.basedOn();
        }
        return null;
    }

    /** The font of text with no style of its own: the default paragraph style's, else the document default. */
    String defaultFont() {
        String font = font(defaultParagraphStyle);
        return font != null ? font : documentDefaultFont;
    }
}
