package vn.canhgac.bench.usb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.agent.usb.UsbCollector;

/**
 * Time from a USB device's appearance to the written verdict, on a fixture host root: the agent's
 * own USB collector (inotify, one look, decision, {@code authorized} written, event recorded) with
 * the default policy (storage blocked), against flash drives linked into {@code sys/bus/usb/devices}
 * one at a time. Each arrival is timed from just before the link is made to the moment the
 * collector records its {@code usb.violation}, which it does right after writing {@code 0} to
 * {@code authorized}; the file is checked to read 0. Each drive is unplugged, and its removal seen,
 * before the next. {@code --resident N} keeps N other drives plugged in throughout (allow-listed, so
 * they are read at every look but not acted on), as on a machine with devices already attached.
 *
 * <p>Prints numbers, asserts nothing: {@code bin/canhgac-bench-usb [--arrivals 200] [--warmup 20] [--resident 8]}.
 */
public final class UsbVerdictBenchmark {

    private static final long WAIT_SECONDS = 30;

    private record Recorded(String type, String busPath, String serial, long nanos) {}

    public static void main(String[] args) throws Exception {
        int arrivals = option(args, "--arrivals", 200);
        int warmup = option(args, "--warmup", 20);
        int resident = option(args, "--resident", 8);
        Path root = Files.createTempDirectory("canhgac-bench-usb");
        try {
            run(FixtureUsbHost.create(root), arrivals, warmup, resident, System.out);
        } finally {
            BenchFiles.deleteTree(root);
        }
    }

    static void run(FixtureUsbHost host, int arrivals, int warmup, int resident, PrintStream out) throws Exception {
        for (int i = 0; i < resident; i++) {
            host.prepareFlashDrive("1-" + (i + 1), i + 2, "0951", "1666", "RESIDENT" + i);
            host.link("1-" + (i + 1));
        }
        Policy policy = residentsAllowed();
        BlockingQueue<Recorded> recorded = new LinkedBlockingQueue<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        UsbCollector collector = new UsbCollector();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(WAIT_SECONDS), 3);
        try {
            collector.start(new CollectorContext(HostRoot.of(host.root()), () -> policy, Roles.INTERNAL_WORKSTATION,
                    (type, severity, details) -> record(recorded, type, severity, details), scheduler, Clock.systemUTC(),
                    Enforcement.ENFORCE, new ServerCommands(), new ConnectivityBoard(), host.root().resolve("agent-state")));
            Set<String> waitingFor = new HashSet<>();
            for (int i = 0; i < resident; i++) {
                waitingFor.add("RESIDENT" + i);
            }
            while (!waitingFor.isEmpty()) {
                waitingFor.remove(next(recorded, "usb.connected", null, null).serial());
            }
            String busPath = "3-1";
            for (int i = 0; i < warmup + arrivals; i++) {
                host.prepareFlashDrive(busPath, 10 + i % 100, "0781", "5567", "BENCH" + i);
                long appeared = System.nanoTime();
                host.link(busPath);
                long verdict = next(recorded, "usb.violation", busPath, "BENCH" + i).nanos();
                if (!host.authorized(busPath).equals("0")) {
                    throw new IllegalStateException("arrival " + i + ": the violation was recorded but authorized does not read 0");
                }
                if (i >= warmup) {
                    histogram.recordValue(verdict - appeared);
                }
                host.unplug(busPath);
                next(recorded, "usb.disconnected", busPath, "BENCH" + i);
            }
        } finally {
            collector.close();
            scheduler.shutdownNow();
        }
        out.printf(Locale.ROOT, "usb appearance -> written verdict, %d arrivals after %d warm-up, %d resident device(s), fixture host root%n",
                histogram.getTotalCount(), warmup, resident);
        out.printf(Locale.ROOT, "  median %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms   (aim: median under 100 ms)%n",
                millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()));
    }

    /** Storage blocked (the default), the resident drives allow-listed by model so that they stay and are not acted on. */
    private static Policy residentsAllowed() {
        String yaml = """
                apiVersion: canhgac/v1
                kind: Policy
                metadata:
                  name: bench-usb
                usb:
                  storage: block
                  allow:
                    - vendorId: "0951"
                      productId: "1666"
                      note: resident drives of the benchmark
                """;
        return PolicyParser.parse("bench-usb.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static void record(BlockingQueue<Recorded> recorded, String type, EventSeverity severity, Map<String, ?> details) {
        recorded.add(new Recorded(type, String.valueOf(details.get("busPath")), String.valueOf(details.get("serial")), System.nanoTime()));
    }

    /** The next event of the given type for the device (port and serial; null for any), skipping any other. */
    private static Recorded next(BlockingQueue<Recorded> recorded, String type, String busPath, String serial) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Recorded event = recorded.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new IllegalStateException("no " + type + " for " + busPath + " within " + WAIT_SECONDS + " s");
            }
            if (event.type().equals(type) && (busPath == null || event.busPath().equals(busPath))
                    && (serial == null || event.serial().equals(serial))) {
                return event;
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                int value = Integer.parseInt(args[i + 1]);
                if (value < 0) {
                    throw new IllegalArgumentException(name + " must not be negative (got " + value + ")");
                }
                return value;
            }
        }
        return fallback;
    }

    private UsbVerdictBenchmark() {}
}
