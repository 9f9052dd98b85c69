package vn.canhgac.server.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One embedded TrueType font (DejaVu Sans, which covers Vietnamese), with text made safe for it.
 * Text is NFC-normalised, since a decomposed "ệ" would be drawn as a letter and two loose marks,
 * control characters become spaces, and a character the font has no glyph for becomes "?"
 * instead of failing the report: hostnames and evidence come from workstations and may hold anything.
 */
final class PdfFont {
    private final PDType0Font font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();

    private PdfFont(PDType0Font font) {
        this.font = font;
    }

    /** Embeds only the glyphs the document uses (a subset), so a report carries a few tens of KiB of font, not 700. */
    static PdfFont load(PDDocument document, String resource) {
        try (InputStream in = PdfFont.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the server's classpath; the build is broken");
            }
            return new PdfFont(PDType0Font.load(document, in, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the report font " + resource, e);
        }
    }

    PDType0Font font() {
        return font;
    }

    String clean(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalised.length());
        normalised.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
                out.append(' ');
            } else if (glyphs.computeIfAbsent(codePoint, this::hasGlyph)) {
                out.appendCodePoint(codePoint);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** Width in points of already {@link #clean cleaned} text. */
    float width(String cleaned, float size) {
        try {
            return font.getStringWidth(cleaned) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure text in the report font", e);
        }
    }

    /** Cleaned text cut with "…" to fit {@code maxWidth}. */
    String fit(String text, float size, float maxWidth) {
        String cleaned = clean(text);
        if (width(cleaned, size) <= maxWidth) {
            return cleaned;
        }
        int[] codePoints = cleaned.codePoints().toArray();
        int low = 0;
        int high = codePoints.length;
        while (low < high) {
            int middle = (low + high + 1) / 2;
            if (width(new String(codePoints, 0, middle) + "…", size) <= maxWidth) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return new String(codePoints, 0, low) + "…";
    }

    /** Cleaned text broken at spaces into lines of at most {@code maxWidth}; a word longer than a line is cut. */
    List<String> wrap(String text, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : clean(text).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, size) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
            } else {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                line.append(fit(word, size, maxWidth));
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
