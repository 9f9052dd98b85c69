package vn.canhgac.agent.enroll;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;

/** An enrolled agent's state directory for tests in other packages: key, a certificate signed by a test CA, enrolment facts. */
public final class TestIdentities {

    private TestIdentities() {}

    /** Saves a fresh identity for {@code agentId} (role secret-workstation) into {@code stateDirectory} and returns it. */
    public static AgentIdentity enrolled(Path stateDirectory, String agentId) throws Exception {
        return enrolled(stateDirectory, agentId, SigningKeys.generate(new SecureRandom()));
    }

    /** As {@link #enrolled(Path, String)}, trusting policies signed by {@code serverSigningKeys}. */
    public static AgentIdentity enrolled(Path stateDirectory, String agentId, SigningKeys serverSigningKeys) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair caKeys = KeyPairs.newP256(random);
        X509Certificate ca = certificate(new X500Name("CN=Test CA"), caKeys, new X500Name("CN=Test CA"), caKeys);
        KeyPair agentKeys = KeyPairs.newP256(random);
        X509Certificate agent = certificate(new X500Name("CN=" + agentId), agentKeys, new X500Name("CN=Test CA"), caKeys);
        AgentIdentity identity = new AgentIdentity(agentId, "Sở Nội vụ", "secret-workstation",
                InetSocketAddress.createUnresolved("127.0.0.1", 7443), new KeyMaterial(agentKeys.getPrivate(), List.of(agent, ca)), ca,
                Optional.of(serverSigningKeys.verifying()));
        identity.save(stateDirectory);
        return identity;
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                subject, subjectKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(issuerKeys.getPrivate())));
    }
}
