package vn.canhgac.server.soc;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import vn.canhgac.protocol.BuildInfo;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.store.UnitEvent;

/**
 * Formats events as RFC 5424 syslog messages, with structured data and the event as JSON
 * (rfc5424-sd) or with a CEF payload (cef). Every message carries the event id twice: in MSGID
 * ({@code e<id>}) and in the payload, so a receiver can drop a repeated message.
 *
 * <p>A message longer than the destination's maximum has its MSG cut at a UTF-8 character
 * boundary and ends with {@link #TRUNCATED}; the header and structured data are never cut.
 */
final class SyslogMessages {
    static final String TRUNCATED = "...[truncated]";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final SocDestination destination;

    SyslogMessages(SocDestination destination) {
        this.destination = destination;
    }

    byte[] format(UnitEvent unitEvent) {
        StoredEvent event = unitEvent.event();
        int severity = syslogSeverity(event.severity());
        StringBuilder header = new StringBuilder()
                .append('<').append(destination.facility() * 8 + severity).append(">1 ")
                .append(TIMESTAMP.format(event.occurredAt())).append(' ')
                .append(destination.hostname()).append(' ')
                .append(destination.appName()).append(" - ")
                .append("e").append(event.id()).append(' ');
        return switch (destination.format()) {
            case RFC5424_SD -> {
                header.append(structuredData(unitEvent)).append(' ');
                yield limit(header.toString(), true, EventJson.text(unitEvent));
            }
            case CEF -> {
                header.append("- ");
                yield limit(header.toString(), false, cef(unitEvent));
            }
        };
    }

    /** CanhGác severities 0 (unspecified) to 5 (critical) as syslog severities: critical is crit (2), info is informational (6). */
    static int syslogSeverity(int severity) {
        return switch (severity) {
            case 5 -> 2;
            case 4 -> 3;
            case 3 -> 4;
            case 2 -> 5;
            default -> 6;
        };
    }

    /** The same as CEF's 0–10 scale. */
    static int cefSeverity(int severity) {
        return switch (severity) {
            case 5 -> 10;
            case 4 -> 8;
            case 3 -> 5;
            case 2 -> 3;
            case 1 -> 1;
            default -> 0;
        };
    }

    private String structuredData(UnitEvent unitEvent) {
        StoredEvent event = unitEvent.event();
        return "[canhgac@" + destination.enterpriseNumber()
                + " eventId=\"" + event.id() + "\""
                + " agent=\"" + sdValue(event.agentId()) + "\""
                + " unit=\"" + sdValue(unitEvent.unit()) + "\""
                + " seq=\"" + event.sequence() + "\""
                + " type=\"" + sdValue(event.type()) + "\""
                + " severity=\"" + event.severity() + "\"]";
    }

    /** RFC 5424 section 6.3.3: '"', '\' and ']' are escaped with a backslash inside PARAM-VALUE. */
    static String sdValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String cef(UnitEvent unitEvent) {
        StoredEvent event = unitEvent.event();
        return "CEF:0|CanhGac|CanhGac|" + cefHeader(BuildInfo.version()) + "|" + cefHeader(event.type()) + "|"
                + cefHeader(event.type()) + "|" + cefSeverity(event.severity()) + "|"
                + "externalId=" + event.id()
                + " rt=" + event.occurredAt().toEpochMilli()
                + " dvchost=" + cefExtension(event.agentId())
                + " cs1Label=unit cs1=" + cefExtension(unitEvent.unit())
                + " cn1Label=sequence cn1=" + event.sequence()
                + " msg=" + cefExtension(event.payloadJson());
    }

    /** CEF header fields: '\' and '|' are escaped; a line break would end the record, so it becomes a space. */
    static String cefHeader(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace('\r', ' ').replace('\n', ' ');
    }

    /** CEF extension values: '\' and '=' are escaped, line breaks written as \n and \r. */
    static String cefExtension(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    private byte[] limit(String header, boolean bom, String message) {
        // Structured-data values are UTF-8 (RFC 5424 section 6.3.3); unit names may be Vietnamese.
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        int prefix = head.length + (bom ? BOM.length : 0);
        int room = destination.maxMessageBytes() - prefix;
        if (body.length > room) {
            byte[] marker = TRUNCATED.getBytes(StandardCharsets.US_ASCII);
            int keep = Math.max(0, room - marker.length);
            // Step back over UTF-8 continuation bytes so that no character is cut in half.
            while (keep > 0 && (body[keep] & 0xC0) == 0x80) {
                keep--;
            }
            byte[] cut = Arrays.copyOf(body, keep + marker.length);
            System.arraycopy(marker, 0, cut, keep, marker.length);
            body = cut;
        }
        byte[] all = new byte[prefix + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        if (bom) {
            System.arraycopy(BOM, 0, all, head.length, BOM.length);
        }
        System.arraycopy(body, 0, all, prefix, body.length);
        return all;
    }
}
