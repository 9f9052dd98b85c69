package vn.canhgac.server.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.store.UnitEvent;

class SyslogMessagesTest {
    private static final Instant AT = Instant.parse("2026-11-23T08:15:30.123Z");

    private static SocDestination destination(SyslogFormat format, int maxMessageBytes) {
        return new SocDestination("siem", SocKind.SYSLOG_TCP, "127.0.0.1", 514, Optional.empty(), format, Optional.empty(),
                Optional.empty(), Optional.empty(), SocFilter.everything(), "canhgac", "srv-01", 20, 32473, maxMessageBytes, 100, false);
    }

    private static UnitEvent event(String agent, String unit, int severity, String payload) {
        return new UnitEvent(new StoredEvent(42, agent, 7, AT, AT.plusSeconds(1), "usb.violation", severity, payload), unit);
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    @Test
    void rfc5424HeaderCarriesPriVersionTimestampAndTheEventIdAsMsgid() {
        byte[] message = new SyslogMessages(destination(SyslogFormat.RFC5424_SD, 8192)).format(event("a-1", "Sở Nội vụ", 5, "{}"));
        // local4 (20) * 8 + crit (2) = 162
        assertTrue(text(message).startsWith("<162>1 2026-11-23T08:15:30.123Z srv-01 canhgac - e42 [canhgac@32473 eventId=\"42\""
                + " agent=\"a-1\" unit=\"Sở Nội vụ\" seq=\"7\" type=\"usb.violation\" severity=\"5\"] "), text(message));
    }

    @Test
    void rfc5424MessageIsTheEventAsJsonAfterAUtf8Bom() {
        byte[] message = new SyslogMessages(destination(SyslogFormat.RFC5424_SD, 8192)).format(event("a-1", "u", 1, "{\"k\":\"v\"}"));
        int bom = indexOf(message, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertTrue(bom > 0, "a BOM before MSG");
        String json = new String(message, bom + 3, message.length - bom - 3, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"eventId\":42,\"agent\":\"a-1\",\"unit\":\"u\",\"sequence\":7,\"type\":\"usb.violation\""), json);
        assertTrue(json.endsWith("\"payload\":{\"k\":\"v\"}}"), json);
    }

    @Test
    void structuredDataValuesEscapeQuoteBackslashAndClosingBracket() {
        assertEquals("a\\\"b\\\\c\\]d", SyslogMessages.sdValue("a\"b\\c]d"));
        byte[] message = new SyslogMessages(destination(SyslogFormat.RFC5424_SD, 8192)).format(event("a-1", "x\"]y", 1, "{}"));
        assertTrue(text(message).contains(" unit=\"x\\\"\\]y\" "), text(message));
    }

    @Test
    void severitiesMapToSyslogAndCefScales() {
        assertArrayEquals(new int[] {6, 6, 5, 4, 3, 2}, new int[] {SyslogMessages.syslogSeverity(0), SyslogMessages.syslogSeverity(1),
                SyslogMessages.syslogSeverity(2), SyslogMessages.syslogSeverity(3), SyslogMessages.syslogSeverity(4),
                SyslogMessages.syslogSeverity(5)});
        assertArrayEquals(new int[] {0, 1, 3, 5, 8, 10}, new int[] {SyslogMessages.cefSeverity(0), SyslogMessages.cefSeverity(1),
                SyslogMessages.cefSeverity(2), SyslogMessages.cefSeverity(3), SyslogMessages.cefSeverity(4), SyslogMessages.cefSeverity(5)});
    }

    @Test
    void cefPayloadHasNoStructuredDataOrBomAndEscapesItsFields() {
        byte[] message = new SyslogMessages(destination(SyslogFormat.CEF, 8192))
                .format(event("a|1", "u=v", 4, "{\"path\":\"C:\\\\x\"}\nnext"));
        String text = text(message);
        assertEquals(-1, indexOf(message, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}));
        assertTrue(text.startsWith("<163>1 2026-11-23T08:15:30.123Z srv-01 canhgac - e42 - CEF:0|CanhGac|CanhGac|"), text);
        assertTrue(text.contains("|usb.violation|usb.violation|8|externalId=42 rt=" + AT.toEpochMilli()), text);
        assertTrue(text.contains(" dvchost=a|1 cs1Label=unit cs1=u\\=v cn1Label=sequence cn1=7"), text);
        assertTrue(text.endsWith(" msg={\"path\":\"C:\\\\\\\\x\"}\\nnext"), text);
        assertEquals("a\\|b\\\\c d", SyslogMessages.cefHeader("a|b\\c\nd"));
    }

    @Test
    void aHugePayloadIsCutAtACharacterBoundaryWithAMarker() {
        String payload = "{\"text\":\"" + "Tuyệt mật ".repeat(2000) + "\"}";
        byte[] message = new SyslogMessages(destination(SyslogFormat.RFC5424_SD, 1000)).format(event("a-1", "u", 1, payload));
        assertTrue(message.length <= 1000, "length " + message.length);
        String text = text(message);
        assertTrue(text.endsWith(SyslogMessages.TRUNCATED), text);
        assertTrue(!text.contains("\uFFFD"), "no character cut in half");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
