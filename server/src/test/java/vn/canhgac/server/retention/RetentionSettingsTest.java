package vn.canhgac.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void eachSecurityLevelKeepsEventsAtLeastItsLegalMinimum() {
        assertEquals(List.of(30, 30, 90, 180, 365), List.of(1, 2, 3, 4, 5).stream()
                .map(level -> new RetentionSettings(level, Optional.empty()).days()).toList());
    }

    @Test
    void anOverrideAboveTheMinimumIsKept() {
        assertEquals(400, new RetentionSettings(5, Optional.of(400)).days());
        assertEquals(90, new RetentionSettings(3, Optional.of(90)).days());
    }

    @Test
    void anOverrideBelowTheLevelsMinimumIsAnErrorThatSaysTheMinimum() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(4, Optional.of(179)));

        assertEquals("retention.eventsDays is 179 but security level 4 requires keeping events at least 180 days; set eventsDays"
                + " to 180 or more, or leave it out", error.getMessage());
    }

    @Test
    void aLevelOutsideOneToFiveIsAnError() {
        assertEquals("retention.securityLevel must be 1 to 5, the information system's cấp độ (got 6)",
                assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(6, Optional.empty())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(0, Optional.empty()));
    }

    @Test
    void withoutConfigurationTheLongestMinimumApplies() {
        assertEquals(365, RetentionSettings.defaults().days());
    }
}
