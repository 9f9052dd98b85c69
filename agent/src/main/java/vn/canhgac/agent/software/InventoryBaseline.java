package vn.canhgac.agent.software;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory the server was last sent, kept in {@value #FILE} in the agent's state directory
 * so that a restart sends differences, not the whole inventory again. Written whole to a
 * temporary file, forced to disk and renamed over the old one, so a crash leaves the old or the
 * new baseline, never half of one.
 */
final class InventoryBaseline {

    static final String FILE = "software-inventory.json";
    static final int FORMAT = 1;
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Document(@JsonProperty("format") int format, @JsonProperty("items") List<SoftwareItem> items) {}

    /** What a load found: a baseline, none yet, or a file that could not be used (the reason says why). */
    record Loaded(Optional<Map<String, SoftwareItem>> items, String problem) {
        static final Loaded NONE = new Loaded(Optional.empty(), null);
    }

    private final Path file;

    InventoryBaseline(Path file) {
        this.file = file;
    }

    Loaded load() {
        try (InputStream in = HostFiles.limit(Files.newInputStream(file), MAX_BYTES, file.toString())) {
            Document document = JSON.readValue(in, Document.class);
            if (document == null || document.format() != FORMAT || document.items() == null) {
                return new Loaded(Optional.empty(), file + " is not a format " + FORMAT + " inventory baseline");
            }
            return new Loaded(Optional.of(byKey(document.items())), null);
        } catch (NoSuchFileException e) {
            return Loaded.NONE;
        } catch (IOException | RuntimeException e) {
            return new Loaded(Optional.empty(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    void save(Collection<SoftwareItem> items) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(new Document(FORMAT, List.copyOf(items)))));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, SoftwareItem> byKey(Collection<SoftwareItem> items) {
        Map<String, SoftwareItem> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(item.key(), item));
        return map;
    }
}
