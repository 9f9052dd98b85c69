package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a policy document strictly: an unknown key, a duplicate key, a wrong type or an invalid
 * value is a {@link PolicyException} naming the source, line and field, so that a typo can never
 * weaken a rule by falling back to a default.
 */
public final class PolicyParser {

    /** Policies are hand-written YAML; anything bigger is not one. */
    public static final int MAX_POLICY_BYTES = 256 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PolicyParser() {}

    public static Policy read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_POLICY_BYTES) {
                throw new PolicyException(file.toString(), 0, "", "larger than " + MAX_POLICY_BYTES + " bytes; not a policy document");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), 0, "", "cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    public static Policy parse(String source, byte[] document) {
        if (document.length > MAX_POLICY_BYTES) {
            throw new PolicyException(source, 0, "", "larger than " + MAX_POLICY_BYTES + " bytes; not a policy document");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyException(source, 0, "", "is not UTF-8 text");
        }
        LineIndex lines = LineIndex.of(text);
        try {
            Policy policy = YAML.readValue(text, Policy.class);
            if (policy == null) {
                throw new PolicyException(source, 0, "", "is empty");
            }
            return policy;
        } catch (UnrecognizedPropertyException e) {
            int line = lines.lineOf(path(e));
            throw new PolicyException(source, line > 0 ? line : line(e), path(e), "unknown key \"" + e.getPropertyName() + "\"; known keys here: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            if (innermost(e) instanceof FieldError field) {
                String path = path(e) + (field.key().isEmpty() ? "" : (path(e).isEmpty() ? "" : ".") + field.key());
                int line = lines.lineOf(path);
                throw new PolicyException(source, line > 0 ? line : line(e), path, path + " " + field.getMessage());
            }
            throw new PolicyException(source, line(e), path(e), reason(e));
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, syntaxLine(e), "", "is not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /**
     * The line of a YAML syntax error: the scanner's own mark, where the offending character is.
     * Jackson's location is the last token it read, often the line before.
     */
    private static int syntaxLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        return line(e);
    }

    /** "usb.allow[0].vendorId" from Jackson's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Throwable innermost(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Jackson's message for type errors, shortened to what a policy author needs. */
    private static String reason(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing required creator property")) {
            return "required key is missing: " + message.replaceAll(".*'([^']+)'.*", "$1");
        }
        if (message.startsWith("Cannot deserialize value of type")) {
            return "has the wrong type: " + message.replaceAll("\\s*at \\[Source.*", "");
        }
        return message;
    }
}
