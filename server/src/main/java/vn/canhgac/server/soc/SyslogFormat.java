package vn.canhgac.server.soc;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a syslog message carries after its RFC 5424 header; the names are the {@code format} values of server.yaml. */
public enum SyslogFormat {
    /** Structured data with the event's identity and the event as JSON in MSG (UTF-8 with BOM). */
    RFC5424_SD("rfc5424-sd"),
    /** ArcSight Common Event Format in MSG, no structured data. */
    CEF("cef");

    private final String configName;

    SyslogFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static SyslogFormat parse(String value) {
        return Arrays.stream(values()).filter(format -> format.configName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format must be one of "
                        + Arrays.stream(values()).map(SyslogFormat::configName).collect(Collectors.joining(", "))
                        + " (got \"" + value + "\")"));
    }
}
