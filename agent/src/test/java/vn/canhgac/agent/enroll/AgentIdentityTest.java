package vn.canhgac.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.config.ConfigException;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;

class AgentIdentityTest {

    @TempDir
    Path directory;

    private static X509Certificate selfSigned(KeyPair keys, String name) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        return new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(new JcaX509v3CertificateBuilder(subject,
                BigInteger.ONE, Date.from(Instant.now()), Date.from(Instant.now().plusSeconds(3600)), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keys.getPrivate())));
    }

    private AgentIdentity identity() throws Exception {
        return identity(Optional.of(SigningKeys.generate(new SecureRandom()).verifying()));
    }

    private AgentIdentity identity(Optional<VerifyingKeys> policyKeys) throws Exception {
        KeyPair keys = KeyPairs.newP256(new SecureRandom());
        X509Certificate ca = selfSigned(KeyPairs.newP256(new SecureRandom()), "ca");
        return new AgentIdentity("agent-1", "Sở Nội vụ \"A\"", "secret-workstation", InetSocketAddress.createUnresolved("127.0.0.1", 7443),
                new KeyMaterial(keys.getPrivate(), List.of(selfSigned(keys, "agent-1"), ca)), ca, policyKeys);
    }

    @Test
    void savedIdentityLoadsBackWithItsKeyOwnerOnly() throws Exception {
        AgentIdentity saved = identity();
        saved.save(directory);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("agent.key"))));
        AgentIdentity loaded = AgentIdentity.load(directory);
        assertEquals(saved.agentId(), loaded.agentId());
        assertEquals(saved.unit(), loaded.unit(), "unit names with quotes and Vietnamese survive the YAML round trip");
        assertEquals(saved.keyMaterial().key(), loaded.keyMaterial().key());
        assertEquals(7443, loaded.channel().getPort());
    }

    @Test
    void serversPolicyKeysAreStoredAndLoadBack() throws Exception {
        AgentIdentity saved = identity();
        saved.save(directory);
        assertTrue(Files.isRegularFile(directory.resolve("policy-keys").resolve("ml-dsa-65.pub")));
        AgentIdentity loaded = AgentIdentity.load(directory);
        assertEquals(saved.policyKeys().orElseThrow().fingerprint(), loaded.policyKeys().orElseThrow().fingerprint());
    }

    @Test
    void identityFromAnEnrolmentBeforeSignedPoliciesLoadsWithoutPolicyKeys() throws Exception {
        identity(Optional.empty()).save(directory);
        assertEquals(Optional.empty(), AgentIdentity.load(directory).policyKeys());
    }

    @Test
    void damagedPolicyKeysAreRefusedWithWhatToDo() throws Exception {
        identity().save(directory);
        Files.writeString(directory.resolve("policy-keys").resolve("ed25519.pub"), "not a key");
        ConfigException error = assertThrows(ConfigException.class, () -> AgentIdentity.load(directory));
        assertTrue(error.getMessage().contains("policy keys") && error.getMessage().contains("enrol this agent again"), error.getMessage());
    }

    @Test
    void notEnrolledSaysHowToEnrol() {
        ConfigException error = assertThrows(ConfigException.class, () -> AgentIdentity.load(directory));
        assertTrue(error.getMessage().contains("canhgac-agent enroll"), error.getMessage());
    }

    @Test
    void keyReadableByOthersIsRefused() throws Exception {
        identity().save(directory);
        Files.setPosixFilePermissions(directory.resolve("agent.key"), PosixFilePermissions.fromString("rw-r--r--"));
        ConfigException error = assertThrows(ConfigException.class, () -> AgentIdentity.load(directory));
        assertTrue(error.getMessage().contains("chmod 600"), error.getMessage());
    }
}
