package vn.canhgac.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc} file for the heap in use after each collection: the live data,
 * which is what a heap limit has to hold (RSS says little about it: a JVM keeps what it once used).
 */
final class GcLog {

    /** "… Pause Young (Normal) (G1 Evacuation Pause) 245M->119M(1024M) 3.456ms" */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** Heap in use after collections, in MiB: after the last one, and the most after any one. */
    record HeapAfterGc(int collections, double lastMib, double maxMib) {}

    private GcLog() {}

    static Optional<HeapAfterGc> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        int collections = 0;
        double last = 0;
        double max = 0;
        for (String line : lines) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                collections++;
                last = mib(Long.parseLong(m.group(3)), m.group(4).charAt(0));
                max = Math.max(max, last);
            }
        }
        return collections == 0 ? Optional.empty() : Optional.of(new HeapAfterGc(collections, last, max));
    }

    private static double mib(long amount, char unit) {
        return switch (unit) {
            case 'K' -> amount / 1024.0;
            case 'G' -> amount * 1024.0;
            default -> amount;
        };
    }
}
