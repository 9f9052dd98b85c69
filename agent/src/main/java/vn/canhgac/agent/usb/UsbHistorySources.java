package vn.canhgac.agent.usb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.stream.Collectors;
import vn.canhgac.agent.audit.Finding;

/**
 * Which logs the USB history came from, so an inspector knows what "not seen" rests on.
 *
 * @param read     every log file read, with its line count and whether the size limit cut it
 * @param timeZone the zone assumed for timestamps without one, and where it came from
 * @param notRead  what this audit does not look at
 */
@JsonPropertyOrder({"type", "read", "timeZone", "notRead"})
public record UsbHistorySources(List<UsbLogHistory.LogSource> read, String timeZone, String notRead) implements Finding {

    static final String NOT_READ = "systemd's binary journal (journalctl); dmesg (no wall-clock times)";

    @Override
    public String type() {
        return "usb-history";
    }

    @Override
    @JsonIgnore
    public String summary() {
        if (read.isEmpty()) {
            return "INFO    usb history: no kern.log*, syslog* or messages* under /var/log, so no past USB storage is known"
                    + "; not read: " + notRead;
        }
        return "INFO    usb history read " + read.stream()
                .map(s -> s.path() + " (" + s.lines() + " lines, " + s.storageConnections() + " storage connection(s)"
                        + (s.truncated() ? ", cut at the size limit" : "") + ")")
                .collect(Collectors.joining(", "))
                + "; times without a zone read as " + timeZone + "; not read: " + notRead;
    }
}
