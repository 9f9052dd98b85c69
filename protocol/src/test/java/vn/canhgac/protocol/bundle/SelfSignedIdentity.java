package vn.canhgac.protocol.bundle;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;

/** An EC P-256 key with a self-signed certificate for CN=agentId: enough for what the file alone proves. */
record SelfSignedIdentity(KeyPair keys, X509Certificate certificate) {

    static SelfSignedIdentity create(String agentId) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair keys = KeyPairs.newP256(random);
        X500Name name = new X500Name("CN=" + agentId);
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE),
                        Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keys.getPrivate())));
        return new SelfSignedIdentity(keys, certificate);
    }
}
