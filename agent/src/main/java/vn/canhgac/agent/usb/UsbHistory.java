package vn.canhgac.agent.usb;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * When a USB storage device was seen in the kernel and system logs.
 *
 * @param connections distinct connections found (the same kernel line in kern.log and syslog counts once)
 * @param sources     host paths of the log files it was found in
 */
public record UsbHistory(OffsetDateTime firstSeen, OffsetDateTime lastSeen, int connections, List<String> sources) {

    public UsbHistory {
        sources = List.copyOf(sources);
    }
}
