package vn.canhgac.server.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.canhgac.server.store.ViolationCount;
import vn.canhgac.server.store.ViolationFilter;
import vn.canhgac.server.store.ViolationReportStore;
import vn.canhgac.server.store.ViolationReportStore.Bucket;

/**
 * A report's counts, taken by the store with GROUP BY before any row is read. The timeline holds
 * every bucket of the period, empty ones included, so the chart shows quiet days as gaps.
 */
record ReportSummary(long total, List<ViolationCount> byUnit, List<ViolationCount> byType, List<ViolationCount> bySeverity,
                     Bucket bucket, List<ViolationCount> timeline) {

    static ReportSummary of(ViolationReportStore store, ViolationFilter filter, ReportQuery query) {
        Map<String, Long> found = new HashMap<>();
        for (ViolationCount count : store.countByBucket(filter, query.bucket(), ReportQuery.OFFSET)) {
            found.put(count.key(), count.count());
        }
        List<ViolationCount> timeline = new ArrayList<>();
        for (LocalDate day = first(query.from(), query.bucket()); !day.isAfter(query.to()); day = next(day, query.bucket())) {
            timeline.add(new ViolationCount(day.toString(), found.getOrDefault(day.toString(), 0L)));
        }
        // Every violation has exactly one unit, so the per-unit counts add up to the total: no separate COUNT over the period.
        List<ViolationCount> byUnit = store.countByUnit(filter);
        long total = byUnit.stream().mapToLong(ViolationCount::count).sum();
        return new ReportSummary(total, byUnit, store.countByType(filter), store.countBySeverity(filter), query.bucket(),
                List.copyOf(timeline));
    }

    private static LocalDate first(LocalDate from, Bucket bucket) {
        return switch (bucket) {
            case DAY -> from;
            case WEEK -> from.minusDays(from.getDayOfWeek().getValue() - 1L);
            case MONTH -> from.withDayOfMonth(1);
        };
    }

    private static LocalDate next(LocalDate day, Bucket bucket) {
        return switch (bucket) {
            case DAY -> day.plusDays(1);
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
        };
    }
}
