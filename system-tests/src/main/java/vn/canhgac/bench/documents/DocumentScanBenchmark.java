package vn.canhgac.bench.documents;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import vn.canhgac.agent.documents.DocumentReader;
import vn.canhgac.agent.documents.DocumentScanner;
import vn.canhgac.agent.documents.MemoryScanIndex;
import vn.canhgac.agent.documents.SampleDocuments;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Encoding;
import vn.canhgac.agent.documents.SampleDocuments.Position;
import vn.canhgac.agent.documents.ScanLimits;
import vn.canhgac.agent.documents.SqliteScanIndex;
import vn.canhgac.agent.documents.Throttle;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.bench.BenchFiles;

/**
 * Scanner throughput (issue 5): generates a corpus of mixed documents in a temporary host root
 * (.docx in one folder, the other formats in another), then scans it as the agent does (SQLite
 * index, one thread, no throttle) and prints MB/s and files/s for the first scan of the .docx,
 * the first scan of the rest, and the incremental rescan of everything, with process CPU time and
 * memory. Aims: first .docx scan at least 50 MB/s on one core; incremental rescan under 1 s.
 *
 * <p>Usage: {@code bin/canhgac-bench-documents [FILES] [SEED]} (default 2000 files, seed 1).
 */
public final class DocumentScanBenchmark {

    private static final String[] WORDS = ("Căn cứ Luật Bảo vệ bí mật nhà nước Ủy ban nhân dân tỉnh triển khai kế hoạch bảo đảm an toàn "
            + "thông tin mạng kiểm tra máy tính soạn thảo văn bản tại các cơ quan đơn vị trên địa bàn năm 2026 báo cáo kết quả thực hiện "
            + "nhiệm vụ quản lý cán bộ công chức viên chức phòng ban sở ngành huyện xã phường thị trấn hồ sơ tài liệu lưu trữ số").split(" ");

    private DocumentScanBenchmark() {}

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
        Path root = Files.createTempDirectory("canhgac-bench-documents");
        Path state = Files.createTempDirectory("canhgac-bench-state");
        try {
            long generated = generate(root, files, random);
            System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB in %s%n", files, generated / 1e6, root);
            HostRoot host = HostRoot.of(root);
            ScanLimits limits = ScanLimits.forMaxFileSizeMb(200);
            try (SqliteScanIndex index = SqliteScanIndex.open(state.resolve("documents-index.db"));
                 DocumentReader reader = new DocumentReader(System::nanoTime)) {
                // Warm-up over the .docx with a throwaway index: the agent runs for months, so its code is compiled.
                try (MemoryScanIndex warmUp = new MemoryScanIndex()) {
                    report("warm-up (JIT), .docx only", new DocumentScanner(host, warmUp, reader, Throttle.none(), System::nanoTime),
                            List.of("/home/docx"), limits);
                }
                DocumentScanner scanner = new DocumentScanner(host, index, reader, Throttle.none(), System::nanoTime);
                report("first scan, .docx only", scanner, List.of("/home/docx"), limits);
                // Both roots every pass, as the agent does: a pass forgets what its roots no longer hold.
                report("first scan, other formats", scanner, List.of("/home/docx", "/home/mixed"), limits);
                report("incremental rescan, all", scanner, List.of("/home/docx", "/home/mixed"), limits);
                report("incremental rescan, all (again)", scanner, List.of("/home/docx", "/home/mixed"), limits);
            }
            memory();
        } finally {
            BenchFiles.deleteTree(root);
            BenchFiles.deleteTree(state);
        }
    }

    private static void report(String label, DocumentScanner scanner, List<String> roots, ScanLimits limits) {
        long cpuBefore = processCpuNanos();
        DocumentScanner.Summary summary = scanner.scan(roots, true, limits, document -> { });
        long cpu = processCpuNanos() - cpuBefore;
        double seconds = summary.nanos() / 1e9;
        // MB per CPU-second is throughput on one core even when other processes share the machine.
        System.out.printf(Locale.ROOT, "%-32s %5d files %7.1f MB  read %5d (%6.1f MB)  wall %7.3f s  %7.1f MB/s  %6.0f files/s"
                        + "  cpu %6.2f s  %7.1f MB/cpu-s  %6.0f files/cpu-s  marked %d  unreadable %d%n",
                label, summary.files(), summary.bytes() / 1e6, summary.read(), summary.bytesRead() / 1e6, seconds,
                summary.bytes() / 1e6 / seconds, summary.files() / seconds, cpu / 1e9, summary.bytes() / 1e6 / (cpu / 1e9),
                summary.files() / (cpu / 1e9), summary.marked(), summary.unreadable());
    }

    private static long generate(Path root, int files, Random random) throws IOException {
        Path docx = Files.createDirectories(root.resolve("home/docx"));
        Path mixed = Files.createDirectories(root.resolve("home/mixed"));
        String[] others = {"xlsx", "odt", "rtf", "txt", "pdf"};
        long bytes = 0;
        for (int i = 0; i < files; i++) {
            boolean isDocx = i % 2 == 0;
            String format = isDocx ? "docx" : others[(i / 2) % others.length];
            List<Block> blocks = new ArrayList<>();
            if (i % 20 == 0) {
                blocks.add(new Block(SampleDocuments.positions(format).getFirst(), "TỐI MẬT", Encoding.values()[i % Encoding.values().length]
                        == Encoding.SPLIT_RUNS && format.equals("txt") ? Encoding.NFC : Encoding.values()[i % Encoding.values().length]));
            }
            Position body = SampleDocuments.positions(format).getFirst();
            // Sizes spread like real office files: most small, some long (a few KB to about a MB of text).
            int paragraphs = format.equals("pdf") || format.equals("xlsx") ? 1 + random.nextInt(20)
                    : (int) Math.min(4000, Math.exp(random.nextDouble() * 8));
            for (int p = 0; p < paragraphs; p++) {
                blocks.add(Block.of(body, sentence(random)));
            }
            Path file = (isDocx ? docx : mixed).resolve("doc-" + i + "." + format);
            SampleDocuments.write(format, file, blocks);
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** Words drawn at random: compresses like real text (about 3:1), unlike one sentence repeated. */
    private static String sentence(Random random) {
        StringBuilder sentence = new StringBuilder();
        for (int i = 12 + random.nextInt(40); i > 0; i--) {
            sentence.append(WORDS[random.nextInt(WORDS.length)]).append(i == 1 ? ". " : " ");
        }
        return sentence.toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void memory() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).strip();
            }
        }
        System.out.printf(Locale.ROOT, "memory: RSS %s, peak RSS %s, heap used %.1f MB of %.1f MB committed (max %.0f MB)%n", rss, peak,
                (runtime.totalMemory() - runtime.freeMemory()) / 1e6, runtime.totalMemory() / 1e6, runtime.maxMemory() / 1e6);
    }
}
