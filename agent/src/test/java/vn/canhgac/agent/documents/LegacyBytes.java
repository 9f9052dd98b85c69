package vn.canhgac.agent.documents;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Encodes Unicode text into the legacy Vietnamese encodings, as an old keyboard driver would, for
 * writing test documents. Built by searching {@link LegacyEncoding}'s own tables, so the tables'
 * correctness is pinned separately, by known strings, in {@code LegacyEncodingTest}.
 */
public final class LegacyBytes {

    private LegacyBytes() {}

    /** TCVN3 for a capitals-only font (.VnTimeH): capitals are written with the lower-case code points. */
    public static byte[] tcvn3Capitals(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : nfc(text).toCharArray()) {
            out.write(c < 0x80 ? c : tcvn3Byte(Character.toLowerCase(c), c));
        }
        return out.toByteArray();
    }

    /** TCVN3 for an ordinary font (.VnTime): lower case only, as the font has no capitals with tone marks. */
    public static byte[] tcvn3(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : nfc(text).toCharArray()) {
            out.write(c < 0x80 ? c : tcvn3Byte(c, c));
        }
        return out.toByteArray();
    }

    public static byte[] vni(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : nfc(text).toCharArray()) {
            out.writeBytes(vniBytes(c));
        }
        return out.toByteArray();
    }

    /** Bytes as Word, PDF and RTF show them for a font that claims to be Windows-1252. */
    public static String asWindows1252(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(LegacyEncoding.windows1252Char(b & 0xFF));
        }
        return out.toString();
    }

    private static int tcvn3Byte(char preferred, char fallback) {
        for (char wanted : new char[] {preferred, fallback}) {
            for (int b = 0x80; b <= 0xFF; b++) {
                if (LegacyEncoding.TCVN3.decode(new byte[] {(byte) b}, 0, 1).equals(String.valueOf(wanted))) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("no TCVN3 byte for " + fallback);
    }

    private static byte[] vniBytes(char c) {
        if (c < 0x80) {
            return new byte[] {(byte) c};
        }
        boolean upper = Character.isUpperCase(c);
        for (int b = 0x80; b <= 0xFF; b++) {
            if (decodesTo(new byte[] {(byte) b}, c) && upper == Character.isUpperCase(LegacyEncoding.windows1252Char(b))) {
                return new byte[] {(byte) b};
            }
        }
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).substring(0, 1);
        int[] bases = {base.charAt(0), upper ? 0xD4 : 0xF4, upper ? 0xD6 : 0xF6};
        for (int first : bases) {
            for (int b = 0x80; b <= 0xFF; b++) {
                boolean sameCase = upper == Character.isUpperCase(LegacyEncoding.windows1252Char(b));
                if (sameCase && decodesTo(new byte[] {(byte) first, (byte) b}, c)) {
                    return new byte[] {(byte) first, (byte) b};
                }
            }
        }
        throw new IllegalArgumentException("no VNI bytes for " + c + " (" + String.format(Locale.ROOT, "U+%04X", (int) c) + ")");
    }

    private static boolean decodesTo(byte[] bytes, char c) {
        return nfc(LegacyEncoding.VNI.decode(bytes, 0, bytes.length)).equals(String.valueOf(c));
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
