package vn.canhgac.agent.documents;

import java.util.Locale;

/**
 * The pre-Unicode Vietnamese encodings a classification mark may still be written in, and how
 * to read them back. Documents from before 2001, and many still drafted from old templates, use
 * the TCVN3 ("ABC") fonts {@code .VnTime} / {@code .VnTimeH} or the VNI fonts ({@code VNI-Times}).
 * Word, PDF and RTF store their text as if those fonts were Windows-1252 fonts, so "MẬT" set in
 * {@code .VnTimeH} arrives as "MËT"; decoding maps the Windows-1252 characters back to bytes and
 * the bytes through the font's table.
 *
 * <p>TCVN3 here is TCVN 5712:1993 (the VN1 table, a superset of the VN3 set the ABC fonts use).
 * Its capitals-only fonts ({@code .VnTimeH}, {@code .VnArialH}, …) show lower-case code points
 * as capitals, so their text is upper-cased after decoding. VNI writes a letter as a base letter
 * followed by a byte for its diacritics; those bytes become Unicode combining marks here, and
 * NFC normalisation (done by {@link MarkDetector}) composes them.
 */
public enum LegacyEncoding {
    UNICODE, TCVN3, TCVN3_CAPITALS, VNI;

    /** TCVN 5712:1993 for bytes 0x80..0xFF; 0xB0..0xB4 are combining tone marks. */
    private static final String TCVN3_HIGH = ""
            + "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ" // 80
            + "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ" // 90
            + "\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ" // A0
            + "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ" // B0
            + "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ" // C0
            + "éẹềểễếệìỉỄẾỒĩíịò" // D0
            + "Ổỏõóọồổỗốộờởỡớợù" // E0
            + "ỖủũúụừửữứựỳỷỹýỵỐ"; // F0

    /** Windows-1252 characters for bytes 0x80..0x9F; an undefined byte stands for itself (U+0081, …). */
    private static final String CP1252_80_9F =
            "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    private static final String ACUTE = "\u0301";
    private static final String GRAVE = "\u0300";
    private static final String HOOK = "\u0309";
    private static final String TILDE = "\u0303";
    private static final String DOT = "\u0323";
    private static final String CIRCUMFLEX = "\u0302";
    private static final String BREVE = "\u0306";
    private static final String[] VNI_HIGH = vniTable();

    /**
     * The encoding a font name implies: {@code .Vn…} fonts are TCVN3 (capitals-only when the name
     * ends in "H"), {@code VNI-…} fonts are VNI, everything else is Unicode. PDF subset prefixes
     * ("ABCDEF+.VnTimeH") are ignored.
     */
    public static LegacyEncoding forFont(String fontName) {
        if (fontName == null || fontName.isEmpty()) {
            return UNICODE;
        }
        String name = fontName.strip();
        int plus = name.indexOf('+');
        if (plus == 6) {
            name = name.substring(7);
        }
        if (name.regionMatches(true, 0, ".Vn", 0, 3)) {
            String compact = name.replace(" ", "");
            return compact.endsWith("H") ? TCVN3_CAPITALS : TCVN3;
        }
        if (name.regionMatches(true, 0, "VNI-", 0, 4) || name.regionMatches(true, 0, "VNI ", 0, 4)) {
            return VNI;
        }
        return UNICODE;
    }

    /** Decodes text whose characters stand for the font's bytes as Windows-1252 would show them. */
    public String decode(CharSequence text) {
        if (this == UNICODE) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int b = windows1252Byte(c);
            if (b < 0) {
                out.append(c);
            } else {
                appendByte(out, b);
            }
        }
        return this == TCVN3_CAPITALS ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
    }

    /** Decodes raw bytes of a plain-text file or an RTF run. */
    public String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length + 8);
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (this == UNICODE) {
                out.append(windows1252Char(b));
            } else {
                appendByte(out, b);
            }
        }
        return this == TCVN3_CAPITALS ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
    }

    /**
     * For TCVN3 text whose font is unknown (plain text files): a line whose Latin letters are all
     * capitals was typed in a capitals-only font, so it is shown in capitals; anything else keeps
     * the mixed case the bytes say.
     */
    public static String capitalsIfShouted(String decoded) {
        boolean sawLetter = false;
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x80 && Character.isLetter(c)) {
                if (Character.isLowerCase(c)) {
                    return decoded;
                }
                sawLetter = true;
            }
        }
        return sawLetter ? decoded.toUpperCase(Locale.ROOT) : decoded;
    }

    static char windows1252Char(int b) {
        return b >= 0x80 && b <= 0x9F ? CP1252_80_9F.charAt(b - 0x80) : (char) b;
    }

    /** The byte Windows-1252 shows as {@code c}, or -1 if it shows no byte that way. */
    static int windows1252Byte(char c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
            return c;
        }
        int index = CP1252_80_9F.indexOf(c);
        return index >= 0 ? 0x80 + index : -1;
    }

    private void appendByte(StringBuilder out, int b) {
        if (b < 0x80) {
            out.append((char) b);
        } else if (this == VNI) {
            out.append(VNI_HIGH[b - 0x80]);
        } else {
            out.append(TCVN3_HIGH.charAt(b - 0x80));
        }
    }

    private static String[] vniTable() {
        String[] table = new String[0x80];
        for (int b = 0x80; b <= 0xFF; b++) {
            table[b - 0x80] = String.valueOf(windows1252Char(b));
        }
        // Diacritic bytes: the lower-case and the capital form of each byte carry the same marks.
        Object[][] marks = {
                {0xF9, ACUTE}, {0xF8, GRAVE}, {0xFB, HOOK}, {0xF5, TILDE}, {0xEF, DOT},
                {0xE2, CIRCUMFLEX}, {0xE1, CIRCUMFLEX + ACUTE}, {0xE0, CIRCUMFLEX + GRAVE},
                {0xE5, CIRCUMFLEX + HOOK}, {0xE3, CIRCUMFLEX + TILDE}, {0xE4, CIRCUMFLEX + DOT},
                {0xEA, BREVE}, {0xE9, BREVE + ACUTE}, {0xE8, BREVE + GRAVE}, {0xFA, BREVE + HOOK},
                {0xFC, BREVE + TILDE}, {0xEB, BREVE + DOT},
        };
        for (Object[] mark : marks) {
            int lower = (Integer) mark[0];
            table[lower - 0x80] = (String) mark[1];
            table[lower - 0x20 - 0x80] = (String) mark[1];
        }
        // Letters VNI writes as one byte.
        Object[][] letters = {
                {0xF4, "ơ", "Ơ"}, {0xF6, "ư", "Ư"}, {0xF1, "đ", "Đ"}, {0xED, "í", "Í"}, {0xEC, "ì", "Ì"},
                {0xE6, "ỉ", "Ỉ"}, {0xF3, "ĩ", "Ĩ"}, {0xF2, "ị", "Ị"}, {0xEE, "ỵ", "Ỵ"},
        };
        for (Object[] letter : letters) {
            int lower = (Integer) letter[0];
            table[lower - 0x80] = (String) letter[1];
            table[lower - 0x20 - 0x80] = (String) letter[2];
        }
        return table;
    }
}
