package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** Known strings from the published TCVN3 and VNI tables, not derived from the decoder. */
class LegacyEncodingTest {

    @Test
    void tcvn3CapitalsFontShowsLowerCaseCodePointsAsCapitals() {
        assertEquals("MẬT", LegacyEncoding.TCVN3_CAPITALS.decode("MËT"));
        assertEquals("TUYỆT MẬT", LegacyEncoding.TCVN3_CAPITALS.decode("TUYÖT MËT"));
    }

    @Test
    void tcvn3DecodesPlaceNamesAsTheAbcTableSays() {
        assertEquals("Bảo Thắng", LegacyEncoding.TCVN3.decode("B¶o Th¾ng"));
        assertEquals("đường", nfc(LegacyEncoding.TCVN3.decode("®\u00ADêng")));
    }

    @Test
    void vniWritesDiacriticsAsTrailingBytes() {
        assertEquals("Xin chào các bạn", nfc(LegacyEncoding.VNI.decode("Xin chaøo caùc baïn")));
        assertEquals("MẬT", nfc(LegacyEncoding.VNI.decode("MAÄT")));
        assertEquals("Đ", nfc(LegacyEncoding.VNI.decode("Ñ")));
    }

    @Test
    void rawBytesDecodeLikeTheirWindows1252Characters() {
        byte[] bytes = "MËT".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("MẬT", LegacyEncoding.TCVN3_CAPITALS.decode(bytes, 0, bytes.length));
    }

    @Test
    void fontNamesChooseTheEncoding() {
        assertEquals(LegacyEncoding.TCVN3_CAPITALS, LegacyEncoding.forFont(".VnTimeH"));
        assertEquals(LegacyEncoding.TCVN3_CAPITALS, LegacyEncoding.forFont("ABCDEF+.VnArialH"));
        assertEquals(LegacyEncoding.TCVN3, LegacyEncoding.forFont(".VnTime"));
        assertEquals(LegacyEncoding.VNI, LegacyEncoding.forFont("VNI-Times"));
        assertEquals(LegacyEncoding.UNICODE, LegacyEncoding.forFont("Times New Roman"));
        assertEquals(LegacyEncoding.UNICODE, LegacyEncoding.forFont(null));
    }

    @Test
    void unknownFontTcvn3IsCapitalisedOnlyWhenItsLatinLettersAre() {
        assertEquals("MẬT", LegacyEncoding.capitalsIfShouted("MậT"));
        assertEquals("mật", LegacyEncoding.capitalsIfShouted("mật"));
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
