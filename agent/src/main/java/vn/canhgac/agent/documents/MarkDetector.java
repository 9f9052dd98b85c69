package vn.canhgac.agent.documents;

import java.text.Normalizer;

/**
 * Decides whether one unit of text (a paragraph, a line, a table cell, a text box, a header or
 * footer line) is a classification stamp. A stamp stands alone: after removing surrounding
 * spaces, quotes and brackets and composing to NFC, the unit must be exactly "MẬT", "TỐI MẬT",
 * "TUYỆT MẬT" or "GIẢI MẬT", in capitals. So "BẢO VỆ BÍ MẬT NHÀ NƯỚC", "MẬT ĐỘ DÂN SỐ",
 * "mật khẩu" and "độ Mật" in a sentence are not stamps. Pure and thread-safe.
 */
public final class MarkDetector {

    /** What a unit can be: one of the levels, or the declassification stamp. */
    public enum Stamp {
        MAT(Level.MAT), TOI_MAT(Level.TOI_MAT), TUYET_MAT(Level.TUYET_MAT), GIAI_MAT(null);

        private final Level level;

        Stamp(Level level) {
            this.level = level;
        }

        /** The level, or null for the declassification stamp. */
        public Level level() {
            return level;
        }
    }

    /** Longer than any stamp even in NFD with doubled spaces: such a unit is running text, so not even normalised. */
    static final int MAX_STAMP_CHARS = 40;

    private static final String BRACKETS_AND_QUOTES = "\"'`´“”„‟‘’‚‛«»‹›()[]{}<>（）［］【】〔〕〈〉《》⟨⟩「」『』";

    private MarkDetector() {}

    /** The stamp this unit is, or null if it is not one. */
    public static Stamp detect(CharSequence unit) {
        int start = 0;
        int end = unit.length();
        while (start < end && isPadding(unit.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(unit.charAt(end - 1))) {
            end--;
        }
        if (end - start < 3 || end - start > MAX_STAMP_CHARS) {
            return null;
        }
        String core = collapseSpaces(unit, start, end);
        String text = Normalizer.isNormalized(core, Normalizer.Form.NFC) ? core : Normalizer.normalize(core, Normalizer.Form.NFC);
        return switch (text) {
            case "MẬT" -> Stamp.MAT;
            case "TỐI MẬT" -> Stamp.TOI_MAT;
            case "TUYỆT MẬT" -> Stamp.TUYET_MAT;
            case "GIẢI MẬT" -> Stamp.GIAI_MAT;
            default -> null;
        };
    }

    static boolean isPadding(char c) {
        return isSpace(c) || BRACKETS_AND_QUOTES.indexOf(c) >= 0;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD';
    }

    /** The unit between start and end with each run of spaces (tabs, non-breaking spaces) made one space. */
    private static String collapseSpaces(CharSequence unit, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        boolean inSpace = false;
        for (int i = start; i < end; i++) {
            char c = unit.charAt(i);
            if (isSpace(c)) {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }
}
