package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectivityHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path directory;

    private static ConnectivityHistory.Entry entry(int minute, String verdict, String previous) {
        return new ConnectivityHistory.Entry(T0.plusSeconds(60L * minute), verdict, previous, List.of("signal " + minute));
    }

    @Test
    void changesAreKeptInOrderWithTheirSignalsInAnOwnerOnlyFile() throws Exception {
        ConnectivityHistory history = ConnectivityHistory.in(directory);
        assertEquals(Optional.empty(), history.last());
        history.append(entry(0, "offline", "unknown"));
        history.append(entry(5, "internet", "offline"));
        ConnectivityHistory.Loaded loaded = history.read();
        assertEquals(List.of(entry(0, "offline", "unknown"), entry(5, "internet", "offline")), loaded.entries());
        assertEquals(0, loaded.unreadableLines());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history.file())));
        assertEquals(Optional.of(entry(5, "internet", "offline")), history.last());
    }

    @Test
    void aTornOrEditedLineIsSkippedAndCountedNotFatal() throws Exception {
        ConnectivityHistory history = ConnectivityHistory.in(directory);
        history.append(entry(0, "offline", "unknown"));
        Files.writeString(history.file(), "{\"at\":\"not a time\",\"verdict\":\"x\"}\n[]\n{\"verdict\":\"internet\"}\n{\"at\":\"2026-03-01T00:09",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ConnectivityHistory.Loaded loaded = history.read();
        assertEquals(List.of(entry(0, "offline", "unknown")), loaded.entries());
        assertEquals(4, loaded.unreadableLines());
        history.append(entry(10, "internal", "offline"));
        assertEquals(entry(10, "internal", "offline"), history.last().orElseThrow(), "appending after a torn line still works");
    }

    @Test
    void theFileIsCompactedToTheLastEntriesOnceItOutgrowsItsBound() throws Exception {
        ConnectivityHistory history = ConnectivityHistory.in(directory);
        String padding = "x".repeat(2000);
        StringBuilder bulk = new StringBuilder();
        int written = ConnectivityHistory.COMPACT_AT_BYTES / 2000 + 10;
        for (int i = 0; i < written; i++) {
            bulk.append("{\"at\":\"").append(T0.plusSeconds(i)).append("\",\"verdict\":\"internal\",\"previous\":\"offline\",\"signals\":[\"")
                    .append(padding).append("\"]}\n");
        }
        Files.writeString(history.file(), bulk);
        history.append(entry(99_999, "internet", "internal"));
        List<ConnectivityHistory.Entry> entries = history.read().entries();
        assertEquals(ConnectivityHistory.KEEP_ENTRIES + 1, entries.size());
        assertEquals(T0.plusSeconds(written - ConnectivityHistory.KEEP_ENTRIES), entries.getFirst().at(), "the oldest entries went");
        assertEquals("internet", entries.getLast().verdict());
        assertTrue(Files.size(history.file()) < ConnectivityHistory.COMPACT_AT_BYTES + 10_000);
    }

    @Test
    void aHugeFileIsReadOnlyFromItsTail() throws Exception {
        ConnectivityHistory history = ConnectivityHistory.in(directory);
        try (RandomAccessFile file = new RandomAccessFile(history.file().toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024);
        }
        history.append(entry(1, "internal", "offline"));
        // Compaction rewrote it: the NUL megabytes were one unreadable line and are gone.
        assertEquals(List.of(entry(1, "internal", "offline")), history.read().entries());
        assertTrue(Files.size(history.file()) < 1024);
    }

    @Test
    void anUnreadableHistorySaysWhichFileAndWhatToDo() throws Exception {
        Files.createDirectories(directory.resolve(ConnectivityHistory.FILE_NAME));
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> ConnectivityHistory.in(directory).read());
        assertTrue(error.getMessage().contains(ConnectivityHistory.FILE_NAME), error.getMessage());
    }
}
