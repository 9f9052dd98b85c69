package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * The agent's documented list of remote-control tools ({@value #RESOURCE}, beside this class):
 * the tools seen on Vietnamese government computers and named in scam warnings. A policy turns
 * it off with {@code builtinRemoteControlDenyList: false}, extends it with its own deny rules and
 * excuses one tool with an allow rule.
 */
public final class BuiltinDenyList {

    static final String RESOURCE = "remote-control-tools.yaml";

    /** One tool: what it is, why it is listed, and the names and publishers it is known by (globs). */
    public record Tool(String tool, String why, List<String> names, List<String> publishers) {

        @JsonCreator
        public Tool(@JsonProperty(value = "tool", required = true) String tool, @JsonProperty(value = "why", required = true) String why,
                    @JsonProperty("names") List<String> names, @JsonProperty("publishers") List<String> publishers) {
            this.tool = Objects.requireNonNull(tool, "tool");
            this.why = Objects.requireNonNull(why, "why");
            this.names = names == null ? List.of() : List.copyOf(names);
            this.publishers = publishers == null ? List.of() : List.copyOf(publishers);
            if (this.names.isEmpty() && this.publishers.isEmpty()) {
                throw new IllegalArgumentException("built-in tool " + tool + " has neither names nor publishers");
            }
        }
    }

    private record Document(@JsonProperty(value = "tools", required = true) List<Tool> tools) {}

    private static final List<Tool> TOOLS = load();

    private BuiltinDenyList() {}

    public static List<Tool> tools() {
        return TOOLS;
    }

    private static List<Tool> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = BuiltinDenyList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in deny-list " + RESOURCE + " is missing from the protocol jar; the build is broken");
            }
            return List.copyOf(yaml.readValue(in, Document.class).tools());
        } catch (IOException e) {
            throw new IllegalStateException("the built-in deny-list " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }
}
