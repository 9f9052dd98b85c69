package vn.canhgac.agent.enroll;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.protocol.config.YamlDocuments;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.Pem;

/**
 * What enrolment leaves in the state directory: the agent's private key (owner-only, never
 * sent anywhere), its certificate, the server's CA, the public halves of the server's policy
 * signing keys ({@code policy-keys/}), and {@code enrollment.yaml} with the agent id, unit, role
 * and the channel address.
 *
 * @param policyKeys the keys every policy bundle must be signed with; empty only for an agent
 *                   enrolled by a version that did not store them (it must enrol again to receive policies)
 */
public record AgentIdentity(String agentId, String unit, String role, InetSocketAddress channel, KeyMaterial keyMaterial,
                            X509Certificate ca, Optional<VerifyingKeys> policyKeys) {

    static final String KEY_FILE = "agent.key";
    static final String CERTIFICATE_FILE = "agent.crt";
    static final String CA_FILE = "ca.crt";
    static final String FACTS_FILE = "enrollment.yaml";
    static final String POLICY_KEYS_DIRECTORY = "policy-keys";

    /** The YAML binding of enrollment.yaml. */
    static final class Facts {
        @JsonProperty public String agentId;
        @JsonProperty public String unit;
        @JsonProperty public String role;
        @JsonProperty public String channel;
    }

    public static boolean existsIn(Path stateDirectory) {
        return Files.exists(stateDirectory.resolve(FACTS_FILE));
    }

    /**
     * The server's channel address alone, from {@code enrollment.yaml} (no key is read): collectors that must tell the
     * management link from other traffic use it. Empty when the agent is not enrolled.
     *
     * @throws ConfigException if the file exists but cannot be read or parsed
     */
    public static Optional<InetSocketAddress> channelIn(Path stateDirectory) {
        if (!existsIn(stateDirectory)) {
            return Optional.empty();
        }
        return YamlDocuments.read(stateDirectory.resolve(FACTS_FILE), Facts.class)
                .filter(facts -> facts.channel != null)
                .map(facts -> YamlDocuments.address("channel", facts.channel));
    }

    public static AgentIdentity load(Path stateDirectory) {
        if (!existsIn(stateDirectory)) {
            throw new ConfigException("this agent is not enrolled (no " + stateDirectory.resolve(FACTS_FILE)
                    + "): run `canhgac-agent enroll --server HOST:PORT --token TOKEN` first");
        }
        Path keyFile = stateDirectory.resolve(KEY_FILE);
        if (!KeyFiles.isOwnerOnly(keyFile)) {
            throw new ConfigException(keyFile + " is readable by others than its owner; run `chmod 600 " + keyFile + "` and consider re-enrolling");
        }
        Facts facts = YamlDocuments.read(stateDirectory.resolve(FACTS_FILE), Facts.class)
                .orElseThrow(() -> new ConfigException(stateDirectory.resolve(FACTS_FILE) + " is empty; enrol again"));
        PrivateKey key = Pem.readPrivateKey(keyFile);
        X509Certificate certificate = Pem.readCertificates(stateDirectory.resolve(CERTIFICATE_FILE)).getFirst();
        X509Certificate ca = Pem.readCertificates(stateDirectory.resolve(CA_FILE)).getFirst();
        return new AgentIdentity(facts.agentId, facts.unit, facts.role, YamlDocuments.address("channel", facts.channel),
                new KeyMaterial(key, List.of(certificate, ca)), ca, policyKeys(stateDirectory.resolve(POLICY_KEYS_DIRECTORY)));
    }

    /** Absent directory: an enrolment from before signed policies. Anything else that cannot be read is damage, not age. */
    private static Optional<VerifyingKeys> policyKeys(Path directory) {
        if (!Files.exists(directory)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VerifyingKeys.readFrom(directory));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException("the server's policy keys in " + directory + " cannot be read (" + e.getMessage()
                    + "); enrol this agent again to restore them");
        }
    }

    void save(Path stateDirectory) {
        KeyFiles.createPrivateDirectory(stateDirectory);
        KeyFiles.writeSecret(stateDirectory.resolve(KEY_FILE), Pem.encode(keyMaterial.key()));
        KeyFiles.writePublic(stateDirectory.resolve(CERTIFICATE_FILE), Pem.encode(keyMaterial.leaf()));
        KeyFiles.writePublic(stateDirectory.resolve(CA_FILE), Pem.encode(ca));
        policyKeys.ifPresent(keys -> keys.writeTo(stateDirectory.resolve(POLICY_KEYS_DIRECTORY)));
        Facts facts = new Facts();
        facts.agentId = agentId;
        facts.unit = unit;
        facts.role = role;
        facts.channel = channel.getHostString() + ":" + channel.getPort();
        KeyFiles.writePublic(stateDirectory.resolve(FACTS_FILE), YamlDocuments.write(facts));
    }
}
