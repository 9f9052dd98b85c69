package vn.canhgac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores the benchmarks share: they work in temporary directories and leave nothing behind. */
public final class BenchFiles {

    private BenchFiles() {}

    /** Deletes {@code root} and everything below it, deepest first. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
