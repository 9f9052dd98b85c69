package vn.canhgac.protocol.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a small YAML configuration file into a binding class, strictly: an unknown key, a
 * wrong type or a file that is too large is a {@link ConfigException} naming the file, the
 * line and the key, so a typo never silently falls back to a default.
 */
public final class YamlDocuments {

    private static final long MAX_CONFIG_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private YamlDocuments() {}

    /** Empty when the file does not exist or is empty; the caller then uses its defaults. */
    public static <T> Optional<T> read(Path file, Class<T> binding) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_CONFIG_BYTES + " bytes; not a configuration file of ours");
            }
            return Optional.ofNullable(MAPPER.readValue(file.toFile(), binding));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + " line " + e.getLocation().getLineNr() + ": unknown key \"" + e.getPropertyName()
                    + "\"; known keys are " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Writes a binding object as YAML, quoting and escaping as YAML requires. */
    public static String write(Object binding) {
        try {
            return MAPPER.writeValueAsString(binding);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + binding.getClass().getSimpleName() + " as YAML", e);
        }
    }

    /** Parses {@code HOST:PORT} (IPv6 in brackets) or throws naming the key. */
    public static InetSocketAddress address(String key, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(key + " must be HOST:PORT (got \"" + value + "\")");
        }
        String host = value.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " port must be a number (got \"" + value + "\")");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " port must be 0..65535 (got " + port + ")");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
