package vn.canhgac.agent.documents;

import java.util.function.Supplier;

/**
 * Excel header and footer text ("&L&\"Arial,Bold\"Sở Nội vụ&CMẬT&RTrang &P"): each of the left,
 * centre and right sections is a unit; formatting codes are dropped, and a font code decides how
 * the text after it is decoded.
 */
final class HeaderFooterCodes {

    private HeaderFooterCodes() {}

    static void units(CharSequence codes, UnitSink sink, Supplier<String> where) {
        UnitText unit = new UnitText();
        LegacyEncoding encoding = LegacyEncoding.UNICODE;
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < codes.length()) {
            char c = codes.charAt(i);
            if (c != '&' || i + 1 >= codes.length()) {
                plain.append(c);
                i++;
                continue;
            }
            char code = codes.charAt(i + 1);
            if (code == '&') {
                plain.append('&');
                i += 2;
                continue;
            }
            unit.append(plain, encoding);
            plain.setLength(0);
            if (code == 'L' || code == 'C' || code == 'R') {
                unit.flush(sink, where);
                encoding = LegacyEncoding.UNICODE;
                i += 2;
            } else if (code == '"') {
                int close = indexOf(codes, '"', i + 2);
                String font = codes.subSequence(i + 2, close).toString();
                int comma = font.indexOf(',');
                encoding = LegacyEncoding.forFont(comma >= 0 ? font.substring(0, comma) : font);
                i = close + 1;
            } else {
                i += 2;
                while (i < codes.length() && Character.isDigit(codes.charAt(i))) {
                    i++;
                }
            }
        }
        unit.append(plain, encoding);
        unit.flush(sink, where);
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return text.length();
    }
}
