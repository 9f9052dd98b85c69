package vn.canhgac.server.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.canhgac.server.events.Severity;
import vn.canhgac.server.store.ViolationReportStore.Bucket;

/**
 * What a report covers, as an inspector asks for it: units (each with its sub-units), a period
 * of whole days from {@code from} to {@code to} inclusive in Vietnam time (UTC+07:00), violation
 * types and severities (empty: all), the file format and the language of its labels. Lists are
 * kept sorted and without repeats, so the same request always gives the same manifest.
 */
public record ReportQuery(List<String> units, LocalDate from, LocalDate to, List<String> types, List<Severity> severities,
                          ReportFormat format, ReportLanguage language) {
    /** Vietnam has kept UTC+07:00 all year since 1975: days and times in reports are in this offset. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(7);
    public static final int MAX_UNITS = 200;
    public static final int MAX_TYPES = 50;
    /** Ten years: longer than any retention an inspector can ask of a fleet. */
    public static final long MAX_DAYS = 3660;
    /** As the agent channel accepts event types. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.-]{1,100}");

    /** @throws IllegalArgumentException naming the first parameter at fault and what it must be */
    public ReportQuery {
        units = sortedDistinct(Objects.requireNonNull(units, "units"));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        types = sortedDistinct(Objects.requireNonNull(types, "types"));
        severities = Objects.requireNonNull(severities, "severities").stream().distinct().sorted().toList();
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(language, "language");
        if (units.isEmpty()) {
            throw new IllegalArgumentException("name at least one unit to report on; each unit includes its sub-units");
        }
        if (units.size() > MAX_UNITS) {
            throw new IllegalArgumentException("at most " + MAX_UNITS + " units per report (got " + units.size()
                    + "); name a parent unit instead: its sub-units are included");
        }
        for (String unit : units) {
            if (unit.isBlank() || unit.length() > 200) {
                throw new IllegalArgumentException("a unit name must be 1 to 200 characters and not blank (got \"" + unit + "\")");
            }
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period must not end (" + to + ") before it starts (" + from + ")");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("the period may be at most " + MAX_DAYS + " days (got " + days(from, to)
                    + " days from " + from + " to " + to + "); split it into several reports");
        }
        if (types.size() > MAX_TYPES) {
            throw new IllegalArgumentException("at most " + MAX_TYPES + " violation types per report (got " + types.size()
                    + "); leave types out to include every type");
        }
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("violation type \"" + type + "\" is not a valid event type: 1 to 100 of a-z 0-9 _ . -"
                        + " (for example usb.storage.violation)");
            }
        }
    }

    /** The first instant of the period: {@code from} at 00:00 Vietnam time. */
    public Instant start() {
        return from.atStartOfDay().toInstant(OFFSET);
    }

    /** The first instant after the period: the day after {@code to} at 00:00 Vietnam time. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay().toInstant(OFFSET);
    }

    /** Days for a period up to two months, weeks up to two years, months beyond: a chart of at most about 100 bars. */
    public Bucket bucket() {
        long days = days(from, to);
        return days <= 62 ? Bucket.DAY : days <= 731 ? Bucket.WEEK : Bucket.MONTH;
    }

    /** The exact parameters, with the names the admin API takes, for the manifest. */
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("units", units);
        parameters.put("from", from.toString());
        parameters.put("to", to.toString());
        parameters.put("types", types);
        parameters.put("severities", severities.stream().map(Severity::wire).toList());
        parameters.put("format", format.wire());
        parameters.put("language", language.wire());
        parameters.put("utcOffset", OFFSET.getId());
        return parameters;
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static List<String> sortedDistinct(Collection<String> values) {
        return values.stream().map(value -> Objects.requireNonNull(value, "a list holds null").strip()).distinct().sorted().toList();
    }
}
