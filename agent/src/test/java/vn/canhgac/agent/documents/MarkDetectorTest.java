package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MarkDetectorTest {

    @Test
    void aStampStandsAloneWithSpacesQuotesAndBrackets() {
        assertEquals(MarkDetector.Stamp.MAT, MarkDetector.detect("MẬT"));
        assertEquals(MarkDetector.Stamp.TOI_MAT, MarkDetector.detect("  «TỐI\u00A0 MẬT»\t"));
        assertEquals(MarkDetector.Stamp.TUYET_MAT, MarkDetector.detect("[TUYỆT MẬT]"));
        assertEquals(MarkDetector.Stamp.GIAI_MAT, MarkDetector.detect("“GIẢI MẬT”"));
    }

    @Test
    void decomposedTextIsComposedFirst() {
        assertEquals(MarkDetector.Stamp.TUYET_MAT, MarkDetector.detect(Normalizer.normalize("TUYỆT MẬT", Normalizer.Form.NFD)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BẢO VỆ BÍ MẬT NHÀ NƯỚC", "MẬT ĐỘ DÂN SỐ", "mật khẩu", "Mật", "Tối mật", "độ Mật, Tối mật, Tuyệt mật",
            "MAT", "MẬT MẬT", "TỐI-MẬT", ""})
    void runningTextAndOtherCaseAreNotStamps(String text) {
        assertNull(MarkDetector.detect(text));
    }
}
