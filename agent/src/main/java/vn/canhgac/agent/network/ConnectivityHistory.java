package vn.canhgac.agent.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The machine's connectivity verdict changes, kept in the agent's state directory so an
 * inspector can ask not only whether the machine is connected but whether it was. One JSON
 * object per line, appended and flushed to disk at each change (changes are rare).
 *
 * <p>Implementation notes: the file is bounded: past {@value #COMPACT_AT_BYTES} bytes it is
 * rewritten (to a temporary file, then moved into place) with the last {@value #KEEP_ENTRIES}
 * entries. Reading takes at most the last {@value #MAX_READ_BYTES} bytes and skips lines that do
 * not parse (a line torn by a power cut, or an edit), counting them. One writer (the
 * connectivity collector's thread); readers (the audit command) may run at the same time and at
 * worst see the last line torn.
 */
public final class ConnectivityHistory {

    public static final String FILE_NAME = "connectivity-history.jsonl";
    static final int COMPACT_AT_BYTES = 2 * 1024 * 1024;
    static final int KEEP_ENTRIES = 1000;
    static final int MAX_READ_BYTES = 4 * 1024 * 1024;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One verdict change: when, from what, to what, and the signals at that moment. */
    public record Entry(Instant at, String verdict, String previous, List<String> signals) {
        public Entry {
            signals = List.copyOf(signals);
        }
    }

    /** What a read found: the entries in order, and how many lines could not be parsed. */
    public record Loaded(List<Entry> entries, int unreadableLines) {}

    private final Path file;

    public ConnectivityHistory(Path file) {
        this.file = file;
    }

    public static ConnectivityHistory in(Path stateDirectory) {
        return new ConnectivityHistory(stateDirectory.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** @throws UncheckedIOException if the file exists but cannot be read, naming it */
    public Loaded read() {
        byte[] tail;
        boolean cut;
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            cut = size > MAX_READ_BYTES;
            in.skipNBytes(Math.max(0, size - MAX_READ_BYTES));
            tail = in.readNBytes(MAX_READ_BYTES);
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the connectivity history " + file + ": " + e.getMessage()
                    + " (run as the agent's user, usually root)", e);
        }
        String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
        List<Entry> entries = new ArrayList<>();
        int unreadable = 0;
        for (int i = cut ? 1 : 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Entry entry = JSON.readValue(lines[i], Entry.class);
                if (entry.at() == null || entry.verdict() == null) {
                    unreadable++;
                } else {
                    entries.add(entry);
                }
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                unreadable++;
            }
        }
        return new Loaded(entries, unreadable);
    }

    public Optional<Entry> last() {
        List<Entry> entries = read().entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getLast());
    }

    /** Appends one change and forces it to disk; compacts the file first when it has grown past its bound. */
    public void append(Entry entry) {
        try {
            if (Files.exists(file) && Files.size(file) > COMPACT_AT_BYTES) {
                compact();
            }
            // A line torn by a crash has no line break; without one of our own the new entry would be glued to it and lost too.
            String separator = endsWithLineBreak() ? "" : "\n";
            write(file, separator + JSON.writeValueAsString(entry) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the connectivity history " + file + ": " + e.getMessage()
                    + " (check that the state directory is writable)", e);
        }
    }

    private boolean endsWithLineBreak() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Writes and forces to disk; a file this creates is readable by its owner only. */
    private static void write(Path target, String text, StandardOpenOption... options) throws IOException {
        Set<StandardOpenOption> opened = new HashSet<>(List.of(options));
        opened.add(StandardOpenOption.WRITE);
        try (FileChannel channel = FileChannel.open(target, opened, OWNER_ONLY)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    private void compact() throws IOException {
        List<Entry> entries = read().entries();
        List<Entry> kept = entries.subList(Math.max(0, entries.size() - KEEP_ENTRIES), entries.size());
        StringBuilder text = new StringBuilder();
        for (Entry entry : kept) {
            text.append(JSON.writeValueAsString(entry)).append('\n');
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        write(temporary, text.toString(), StandardOpenOption.CREATE_NEW);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
