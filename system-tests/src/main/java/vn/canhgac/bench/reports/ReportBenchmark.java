package vn.canhgac.bench.reports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.reports.ReportFormat;
import vn.canhgac.server.reports.ReportGenerator;
import vn.canhgac.server.reports.ReportLanguage;
import vn.canhgac.server.reports.ReportManifest;
import vn.canhgac.server.reports.ReportQuery;
import vn.canhgac.server.reports.ServerIdentity;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.ViolationHistory;

/**
 * Report generation time and peak heap over generated histories (default 100,000 and 1,000,000
 * violations in 50 units over a year): a year-long report of every unit as CSV, JSON and PDF (the
 * PDF cut at its default 50,000 rows). Run it with a small -Xmx (the launcher uses 256m) to show
 * that memory does not grow with the number of rows. Usage: bin/canhgac-bench-reports [N ...]
 */
public final class ReportBenchmark {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Long> sizes = args.length == 0 ? List.of(100_000L, 1_000_000L) : Stream.of(args).map(Long::parseLong).toList();
        System.out.printf(Locale.ROOT, "max heap %d MiB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        SigningKeys keys = SigningKeys.generate(new SecureRandom());
        for (long size : sizes) {
            Path dir = Files.createTempDirectory("canhgac-bench-reports");
            try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("canhgac.db"))) {
                long started = System.nanoTime();
                ViolationHistory.write(database.file(), size, FROM, TO, 42L);
                System.out.printf(Locale.ROOT, "%,d violations generated in %.1f s (database %,d MiB)%n", size, seconds(started),
                        Files.size(database.file()) >> 20);
                ReportGenerator generator = new ReportGenerator(database.violationReports(), keys,
                        new ServerIdentity("00".repeat(32), keys.verifying().fingerprint()), ReportGenerator.DEFAULT_PDF_ROW_CAP);
                for (ReportFormat format : ReportFormat.values()) {
                    run(generator, dir, format, size);
                }
            } finally {
                BenchFiles.deleteTree(dir);
            }
        }
    }

    private static void run(ReportGenerator generator, Path dir, ReportFormat format, long size) throws IOException {
        ReportQuery query = new ReportQuery(ViolationHistory.DEPARTMENTS, FROM, TO, List.of(), List.of(), format, ReportLanguage.VI);
        Path file = dir.resolve("report-" + size + format.extension());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        ReportManifest manifest = generator.generate(query, ViolationHistory.allUnits(), "bench", Instant.now(), file.getFileName().toString(),
                file, dir.resolve(file.getFileName() + ".manifest.json"), total -> { }, rows -> { });
        double seconds = seconds(started);
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "  %-4s %,9d violations: %,9d rows, %,7.1f MiB, %6.1f s, %,8.0f rows/s, peak heap %,d MiB%n",
                format.wire(), manifest.totalViolations(), manifest.rowCount(), manifest.size() / 1048576.0, seconds,
                manifest.rowCount() / seconds, peakHeap >> 20);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
