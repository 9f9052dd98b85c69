package vn.canhgac.bench.software;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.SoftwarePolicy;
import vn.canhgac.agent.software.ProcessScan;
import vn.canhgac.agent.software.SoftwareScan;
import vn.canhgac.agent.software.SourceInventory;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;
import vn.canhgac.agent.software.SoftwareSubjects;

/**
 * {@code bin/canhgac-bench-software [--host-root /] [--repeats 10]}: what one software cycle of the
 * agent costs on this machine. One cycle is the full inventory of every package source, the
 * process scan with executable hashes, and judging everything against the default policy with
 * the built-in list. The first run reads and hashes everything; repeats find the package
 * databases unchanged and the hashes cached, as the running agent does every 15 s.
 *
 * <p>Prints wall time, this thread's CPU time and the whole JVM's CPU time (JIT and GC threads
 * included) per run. CPU of child processes (the rpm tool, where there is one) is not counted.
 */
public final class SoftwareScanBenchmark {

    private SoftwareScanBenchmark() {}

    public static void main(String[] args) {
        Path hostRoot = Path.of("/");
        int repeats = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host-root" -> hostRoot = Path.of(value(args, ++i, "--host-root"));
                case "--repeats" -> repeats = Integer.parseInt(value(args, ++i, "--repeats"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --host-root DIR, --repeats N");
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1 (got " + repeats + ")");
        }
        SoftwareScan scan = SoftwareScan.of(HostRoot.of(hostRoot));
        SoftwareRules rules = SoftwareRules.compile(SoftwarePolicy.DEFAULT, BuiltinDenyList.tools(), Map.of());
        System.out.printf(Locale.ROOT, "software scan of host root %s, %d repeat(s), max heap %d MiB%n", hostRoot, repeats,
                Runtime.getRuntime().maxMemory() >> 20);
        Run first = run(scan, rules);
        System.out.printf(Locale.ROOT, "items by source: %s; processes: %d; flagged: %d; problems: %d%n", first.sources, first.processes,
                first.flagged, first.problems);
        print("first", first);
        List<Run> warm = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            Run repeat = run(scan, rules);
            warm.add(repeat);
            print("repeat " + i, repeat);
        }
        warm.sort((a, b) -> Long.compare(a.wallNanos, b.wallNanos));
        Run median = warm.get(warm.size() / 2);
        System.out.printf(Locale.ROOT, "repeat median: wall %.1f ms, thread CPU %.1f ms, JVM CPU %.1f ms (aim: wall under 200 ms)%n",
                median.wallNanos / 1e6, median.threadCpuNanos / 1e6, median.jvmCpuNanos / 1e6);
    }

    private record Run(long wallNanos, long threadCpuNanos, long jvmCpuNanos, String sources, int processes, long flagged, int problems) {}

    private static Run run(SoftwareScan scan, SoftwareRules rules) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvmCpu = os.getProcessCpuTime();
        long threadCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();

        List<SourceInventory> inventory = scan.inventory();
        ProcessScan processes = scan.processes();
        long flagged = inventory.stream().flatMap(source -> source.items().stream())
                .filter(item -> rules.judge(SoftwareSubjects.of(item)).flagged()).count()
                + processes.programs().stream().filter(program -> rules.judge(SoftwareSubjects.of(program)).flagged()).count();

        long wall = System.nanoTime() - start;
        StringBuilder sources = new StringBuilder();
        int problems = processes.problems().size();
        for (SourceInventory source : inventory) {
            sources.append(sources.isEmpty() ? "" : ", ").append(source.source()).append('=').append(source.items().size());
            problems += source.problems().size();
        }
        return new Run(wall, threads.getCurrentThreadCpuTime() - threadCpu, os.getProcessCpuTime() - jvmCpu, sources.toString(),
                processes.programs().size(), flagged, problems);
    }

    private static void print(String label, Run run) {
        System.out.printf(Locale.ROOT, "%-9s wall %7.1f ms   thread CPU %7.1f ms   JVM CPU %7.1f ms%n", label, run.wallNanos / 1e6,
                run.threadCpuNanos / 1e6, run.jvmCpuNanos / 1e6);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
