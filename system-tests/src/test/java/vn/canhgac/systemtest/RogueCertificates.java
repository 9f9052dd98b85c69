package vn.canhgac.systemtest;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;

/**
 * An attacker's CA that copies the real CA's name, so that the server's accepted-issuer list does
 * not filter its agent certificate out and the server must reject it on the signature.
 */
public final class RogueCertificates {

    private RogueCertificates() {}

    public static KeyMaterial agentIdentityImitating(X509Certificate realCa, String agentId) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair caKeys = KeyPairs.newP256(random);
        X500Name caName = X500Name.getInstance(realCa.getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc());
        X509Certificate rogueCa = new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE), Date.from(now.minus(1, ChronoUnit.HOURS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), caName, caKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
                        .build(signer.build(caKeys.getPrivate())));
        KeyPair agentKeys = KeyPairs.newP256(random);
        X509Certificate agent = new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE), Date.from(now.minus(1, ChronoUnit.HOURS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=" + agentId), agentKeys.getPublic())
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                        .build(signer.build(caKeys.getPrivate())));
        return new KeyMaterial(agentKeys.getPrivate(), List.of(agent, rogueCa));
    }
}
