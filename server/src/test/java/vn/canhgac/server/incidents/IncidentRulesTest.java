package vn.canhgac.server.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

    @Test
    void theRuleThatFiredJoinsTheTypeInTheKey() {
        assertEquals("usb.violation:usb.storage=block", IncidentRules.ruleKey("usb.violation",
                "{\"vendorId\":\"0951\",\"kinds\":[\"storage\"],\"rule\":\"usb.storage=block\",\"serial\":\"X\"}"));
        assertEquals("software.violation:builtin:teamviewer", IncidentRules.ruleKey("software.violation",
                "{\"subject\":\"process\",\"rule\":\"builtin:teamviewer\",\"action\":\"kill\",\"pid\":42}"));
    }

    @Test
    void withoutATopLevelRuleTheTypeAloneIsTheKey() {
        assertEquals("network.violation", IncidentRules.ruleKey("network.violation",
                "{\"role\":\"secret-workstation\",\"violations\":[\"default route via eth0\"],\"action\":\"alert\"}"));
        assertEquals("document.violation", IncidentRules.ruleKey("document.violation",
                "{\"ref\":\"h1\",\"connectivity\":{\"rule\":\"nested, not the rule\"}}"));
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", "{\"rule\":42}"));
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", "{\"rule\":\"   \"}"));
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsFiledByType() {
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", "not json"));
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", "[\"rule\"]"));
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", "{\"rule\":"));
        assertEquals("x.violation", IncidentRules.ruleKey("x.violation", ""));
    }

    @Test
    void aVeryLongRuleIsCut() {
        String key = IncidentRules.ruleKey("x.violation", "{\"rule\":\"" + "r".repeat(5000) + "\"}");
        assertEquals("x.violation:".length() + IncidentRules.MAX_RULE_CHARS, key.length());
    }

    @Test
    void theDeadlineCountsFromWhenTheIncidentWasRaised() {
        Instant raised = Instant.parse("2026-11-02T08:00:00Z");
        assertEquals(Instant.parse("2026-11-03T08:00:00Z"), IncidentRules.defaults().deadlineFor(raised));
        assertEquals(Instant.parse("2026-11-02T12:00:00Z"), new IncidentRules(Duration.ofHours(4)).deadlineFor(raised));
        assertThrows(IllegalArgumentException.class, () -> new IncidentRules(Duration.ZERO));
    }
}
