package vn.canhgac.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.protocol.config.YamlDocuments;
import vn.canhgac.protocol.tls.TlsSettings;

/** Reads {@code agent.yaml}; every key is optional, unknown keys and bad values are errors naming file and key. */
public final class AgentConfigReader {

    private AgentConfigReader() {}

    /** The YAML keys; their names are a contract documented in README.md. */
    static final class Document {
        @JsonProperty public String stateDirectory;
        @JsonProperty public Long outboxCapacity;
        @JsonProperty public Integer batchSize;
        @JsonProperty public Integer heartbeatSeconds;
        @JsonProperty public Integer reconnectInitialSeconds;
        @JsonProperty public Integer reconnectMaxSeconds;
        @JsonProperty public List<String> tlsNamedGroups;
        @JsonProperty public String enforcement;
        @JsonProperty public String policyFile;
    }

    public static AgentConfig read(Path file) {
        Document d = YamlDocuments.read(file, Document.class).orElseGet(Document::new);
        AgentConfig base = AgentConfig.defaults(AgentConfig.DEFAULT_STATE_DIRECTORY);
        try {
            return new AgentConfig(
                    d.stateDirectory != null ? Path.of(d.stateDirectory) : base.stateDirectory(),
                    d.outboxCapacity != null ? d.outboxCapacity : base.outboxCapacity(),
                    d.batchSize != null ? d.batchSize : base.batchSize(),
                    d.heartbeatSeconds != null ? d.heartbeatSeconds : base.heartbeatSeconds(),
                    d.reconnectInitialSeconds != null ? Duration.ofSeconds(d.reconnectInitialSeconds) : base.reconnectInitial(),
                    d.reconnectMaxSeconds != null ? Duration.ofSeconds(d.reconnectMaxSeconds) : base.reconnectMax(),
                    d.tlsNamedGroups != null ? new TlsSettings(d.tlsNamedGroups) : base.tls(),
                    d.enforcement != null ? Enforcement.parse(d.enforcement) : base.enforcement(),
                    d.policyFile != null ? java.util.Optional.of(Path.of(d.policyFile)) : base.policyFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
