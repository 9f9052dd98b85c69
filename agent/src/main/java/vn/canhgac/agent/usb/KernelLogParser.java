package vn.canhgac.agent.usb;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the kernel's USB lines through one log file and yields each storage connection.
 *
 * <p>The kernel writes, per device: {@code usb 1-2: New USB device found, idVendor=0781,
 * idProduct=5567}, then {@code Product:}, {@code Manufacturer:} and {@code SerialNumber:} lines,
 * then, for storage, {@code usb-storage 1-2:1.0: USB Mass Storage device detected} (or a line from
 * {@code uas}), and {@code usb 1-2: USB disconnect} when it goes. Lines are matched by the bus path
 * ("1-2") they name. Timestamps are rsyslog's RFC 3339 ({@code 2026-11-20T09:14:03.123+07:00}) or
 * the traditional {@code Nov 20 09:14:03}, which has no year and no zone: the year is the one that
 * puts the line at or before the file's last modification, the zone the host's.
 *
 * <p>One instance per file; not thread-safe.
 */
final class KernelLogParser {

    /** A storage device's connection as the log tells it. */
    record Connection(String vendorId, String productId, String serial, String manufacturer, String product, OffsetDateTime time,
                      String busPath) {}

    private static final Pattern KERNEL_MESSAGE = Pattern.compile("\\skernel: (?:\\[\\s*[0-9]+\\.[0-9]+\\] )?(.*)$");
    private static final Pattern RFC3339 = Pattern.compile(
            "^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2}))\\s");
    private static final Pattern TRADITIONAL = Pattern.compile(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}([0-9]{1,2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})\\s");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final String BUS = "([0-9]{1,3}-[0-9]{1,3}(?:\\.[0-9]{1,3}){0,6})";
    private static final Pattern NEW_DEVICE = Pattern.compile(
            "^usb " + BUS + ": New USB device found, idVendor=([0-9a-fA-F]{4}), idProduct=([0-9a-fA-F]{4})");
    private static final Pattern STRING = Pattern.compile("^usb " + BUS + ": (Product|Manufacturer|SerialNumber): (.*)$");
    private static final Pattern STORAGE = Pattern.compile("^(?:usb-storage|uas) " + BUS + ":[0-9]{1,3}\\.[0-9]{1,3}: ");
    private static final Pattern DISCONNECT = Pattern.compile("^usb " + BUS + ": USB disconnect");
    /** Sessions a hostile log could open without closing; a real machine has a few dozen ports. */
    private static final int MAX_OPEN_SESSIONS = 1024;

    private final ZoneId zone;
    private final LocalDate fileDate;
    private final Map<String, Session> open = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();

    private static final class Session {
        final OffsetDateTime time;
        final String vendorId;
        final String productId;
        String serial = "";
        String manufacturer = "";
        String product = "";
        boolean storage;

        Session(OffsetDateTime time, String vendorId, String productId) {
            this.time = time;
            this.vendorId = vendorId;
            this.productId = productId;
        }
    }

    /**
     * @param zone     the host's zone, for traditional timestamps
     * @param fileDate the file's last modification date in that zone, for their missing year
     */
    KernelLogParser(ZoneId zone, LocalDate fileDate) {
        this.zone = zone;
        this.fileDate = fileDate;
    }

    void accept(String line) {
        Matcher kernel = KERNEL_MESSAGE.matcher(line);
        if (!line.contains(" kernel: ") || !kernel.find()) {
            return;
        }
        String message = kernel.group(1);
        Matcher m;
        if ((m = NEW_DEVICE.matcher(message)).find()) {
            Optional<OffsetDateTime> time = time(line);
            close(m.group(1));
            if (time.isPresent() && open.size() < MAX_OPEN_SESSIONS) {
                open.put(m.group(1), new Session(time.get(), m.group(2).toLowerCase(Locale.ROOT), m.group(3).toLowerCase(Locale.ROOT)));
            }
        } else if ((m = STRING.matcher(message)).find()) {
            Session session = open.get(m.group(1));
            if (session != null) {
                String value = m.group(3).strip();
                switch (m.group(2)) {
                    case "Product" -> session.product = Printable.of(value);
                    case "Manufacturer" -> session.manufacturer = Printable.of(value);
                    default -> session.serial = value.length() > Printable.MAX_CHARS ? value.substring(0, Printable.MAX_CHARS) : value;
                }
            }
        } else if ((m = STORAGE.matcher(message)).find()) {
            Session session = open.get(m.group(1));
            if (session != null) {
                session.storage = true;
            }
        } else if ((m = DISCONNECT.matcher(message)).find()) {
            close(m.group(1));
        }
    }

    /** Storage connections found; sessions still open at the end of the file (device still plugged in) count too. */
    List<Connection> finish() {
        List.copyOf(open.keySet()).forEach(this::close);
        return List.copyOf(connections);
    }

    private void close(String busPath) {
        Session session = open.remove(busPath);
        if (session != null && session.storage) {
            connections.add(new Connection(session.vendorId, session.productId, session.serial, session.manufacturer, session.product,
                    session.time, busPath));
        }
    }

    private Optional<OffsetDateTime> time(String line) {
        try {
            Matcher iso = RFC3339.matcher(line);
            if (iso.find()) {
                return Optional.of(OffsetDateTime.parse(iso.group(1)));
            }
            Matcher old = TRADITIONAL.matcher(line);
            if (old.find()) {
                MonthDay day = MonthDay.of(MONTHS.indexOf(old.group(1)) + 1, Integer.parseInt(old.group(2)));
                int year = fileDate.getYear();
                // "Dec 31" read from a file last written on Jan 2 belongs to the year before.
                if (day.isAfter(MonthDay.from(fileDate)) || !day.isValidYear(year)) {
                    year--;
                }
                LocalDateTime local = day.atYear(year).atTime(Integer.parseInt(old.group(3)), Integer.parseInt(old.group(4)),
                        Integer.parseInt(old.group(5)));
                return Optional.of(local.atZone(zone).toOffsetDateTime());
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
