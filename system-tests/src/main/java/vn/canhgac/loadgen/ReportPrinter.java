package vn.canhgac.loadgen;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints run reports: each run in full, then all runs side by side. */
final class ReportPrinter {

    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    void print(RunReport r) {
        String line = "─".repeat(78);
        out.println(line);
        out.printf(Locale.ROOT, "%s key exchange (groups offered by agents and server: %s)%n", r.mode().label(),
                String.join(", ", r.mode().settings().namedGroups()));
        out.printf(Locale.ROOT, "  connections    %,d of %,d agents accepted in %.1f s (%,.0f handshakes/s); %,d held after streaming%n",
                r.connect().accepted(), r.agents(), seconds(r.connect().elapsed()), r.connect().acceptedPerSecond(), r.held());
        out.printf(Locale.ROOT, "  negotiated     %s; handshake failures %,d%n", groups(r), r.handshakeFailures());
        out.printf(Locale.ROOT, "  events         %,d sent, %,d acknowledged, %s stored in the server's database (of %,d)%n",
                r.eventsSent(), r.eventsAcknowledged(), r.eventsStored() < 0 ? "?" : String.format(Locale.ROOT, "%,d", r.eventsStored()),
                r.eventsRequested());
        out.printf(Locale.ROOT, "  throughput     %,.0f events/s acknowledged (first send to last ack: %.1f s); offered load: %s%n",
                r.eventsPerSecond(), seconds(r.streaming()), offered(r));
        out.printf(Locale.ROOT, "  ack latency    p50 %s  p90 %s  p99 %s  max %s (%,d batches)%n", millis(r.latency().p50()),
                millis(r.latency().p90()), millis(r.latency().p99()), millis(r.latency().max()), r.latency().batches());
        out.printf(Locale.ROOT, "  server RSS     %,.0f MiB with all agents connected, %,.0f MiB after streaming, peak %,.0f MiB (VmHWM)%n",
                r.server().connectedRssMib(), r.server().endRssMib(), r.server().peakMib());
        out.printf(Locale.ROOT, "  server heap    -Xmx%s; in use after GC: %s%n", r.server().heapLimit(), r.server().heapAfterGc()
                .map(heap -> String.format(Locale.ROOT, "%,.0f MiB after the last of %d collections, %,.0f MiB at most", heap.lastMib(),
                        heap.collections(), heap.maxMib()))
                .orElse("no collection"));
        out.printf(Locale.ROOT, "  server log     %s WARN/ERROR events%n",
                r.server().warningLines() < 0 ? "?" : Long.toString(r.server().warningLines()));
        if (r.connect().timedOut() || r.streamTimedOut()) {
            out.println("  TIMED OUT      the run hit --timeout; the figures above are what it reached");
        }
        if (r.serverNotices() > 0 || r.unexpectedDisconnects() > 0) {
            out.printf(Locale.ROOT, "  trouble        %,d server notices, %,d unexpected disconnects%n", r.serverNotices(),
                    r.unexpectedDisconnects());
        }
        r.firstProblem().ifPresent(problem -> out.println("  first problem  " + problem));
    }

    void printSideBySide(List<RunReport> reports) {
        List<Row> rows = List.of(
                new Row("agents accepted / held", r -> String.format(Locale.ROOT, "%,d / %,d", r.connect().accepted(), r.held())),
                new Row("negotiated group", ReportPrinter::groups),
                new Row("time to connect all", r -> String.format(Locale.ROOT, "%.1f s", seconds(r.connect().elapsed()))),
                new Row("handshakes per second", r -> String.format(Locale.ROOT, "%,.0f", r.connect().acceptedPerSecond())),
                new Row("offered load", ReportPrinter::offered),
                new Row("events acknowledged per second", r -> String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond())),
                new Row("events stored / requested", r -> String.format(Locale.ROOT, "%,d / %,d", r.eventsStored(), r.eventsRequested())),
                new Row("ack latency p50", r -> millis(r.latency().p50())),
                new Row("ack latency p90", r -> millis(r.latency().p90())),
                new Row("ack latency p99", r -> millis(r.latency().p99())),
                new Row("ack latency max", r -> millis(r.latency().max())),
                new Row("server RSS, all connected", r -> String.format(Locale.ROOT, "%,.0f MiB", r.server().connectedRssMib())),
                new Row("server peak RSS (VmHWM)", r -> String.format(Locale.ROOT, "%,.0f MiB", r.server().peakMib())),
                new Row("server heap limit", r -> "-Xmx" + r.server().heapLimit()),
                new Row("server heap after GC, max", r -> r.server().heapAfterGc()
                        .map(heap -> String.format(Locale.ROOT, "%,.0f MiB", heap.maxMib())).orElse("no GC")),
                new Row("complete", r -> r.complete() ? "yes" : "NO"));
        int labelWidth = rows.stream().mapToInt(row -> row.label().length()).max().orElse(0) + 2;
        int columnWidth = Math.max(16, rows.stream().flatMap(row -> reports.stream().map(row.value()))
                .mapToInt(String::length).max().orElse(0) + 2);
        out.println("═".repeat(labelWidth + columnWidth * reports.size()));
        out.print(" ".repeat(labelWidth));
        reports.forEach(r -> out.print(pad(r.mode().label(), columnWidth)));
        out.println();
        for (Row row : rows) {
            out.print(pad(row.label(), labelWidth));
            reports.forEach(r -> out.print(pad(row.value().apply(r), columnWidth)));
            out.println();
        }
    }

    private record Row(String label, Function<RunReport, String> value) {}

    private static String groups(RunReport r) {
        return r.negotiatedGroups().isEmpty() ? "none" : r.negotiatedGroups().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s ×%,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    private static String offered(RunReport r) {
        return r.workload().paced() ? String.format(Locale.ROOT, "%,d events/s", r.workload().eventsPerSecond())
                : "as fast as acked";
    }

    private static String millis(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f ms", value) : String.format(Locale.ROOT, "%.1f ms", value);
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
