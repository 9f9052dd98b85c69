package vn.canhgac.server.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.protocol.tls.Providers;

/**
 * The server's own certificate authority. It signs exactly two kinds of certificate: the
 * server's TLS certificate (serverAuth) and agent certificates (clientAuth, one per enrolment,
 * subject CN = agent id). Keeping the purposes apart means an agent's certificate can never
 * impersonate the server to other agents.
 *
 * <p>Files in the PKI directory: {@code ca.key} and {@code server.key} are created owner-only
 * (0600) from their first byte; the certificates are public.
 */
public final class CertificateAuthority {

    static final String CA_KEY = "ca.key";
    static final String CA_CERT = "ca.crt";
    static final String SERVER_KEY = "server.key";
    static final String SERVER_CERT = "server.crt";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    /** Certificates are back-dated a little so that agents with a slightly slow clock accept them. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(PrivateKey caKey, X509Certificate caCertificate, Clock clock, SecureRandom random) {
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.clock = clock;
        this.random = random;
    }

    public static boolean existsIn(Path pkiDirectory) {
        return Files.exists(pkiDirectory.resolve(CA_KEY)) && Files.exists(pkiDirectory.resolve(CA_CERT));
    }

    /** Creates a new CA in an empty directory; refuses to overwrite an existing one. */
    public static CertificateAuthority create(Path pkiDirectory, String organisation, Clock clock, SecureRandom random) {
        if (existsIn(pkiDirectory)) {
            throw new IllegalStateException("a CA already exists in " + pkiDirectory + "; refusing to replace it (every enrolled agent trusts it)");
        }
        KeyFiles.createPrivateDirectory(pkiDirectory);
        KeyPair pair = KeyPairs.newP256(random);
        byte[] instance = new byte[6];
        random.nextBytes(instance);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, "Canh Gac Agent CA " + HexFormat.of().formatHex(instance))
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            KeyFiles.writeSecret(pkiDirectory.resolve(CA_KEY), Pem.encode(pair.getPrivate()));
            KeyFiles.writePublic(pkiDirectory.resolve(CA_CERT), Pem.encode(certificate));
            return new CertificateAuthority(pair.getPrivate(), certificate, clock, random);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the CA certificate: " + e.getMessage(), e);
        }
    }

    public static CertificateAuthority load(Path pkiDirectory, Clock clock, SecureRandom random) {
        if (!existsIn(pkiDirectory)) {
            throw new IllegalStateException("no CA in " + pkiDirectory + ": run `canhgac-server init` first");
        }
        Path keyFile = pkiDirectory.resolve(CA_KEY);
        if (!KeyFiles.isOwnerOnly(keyFile)) {
            throw new IllegalStateException(keyFile + " is readable by others than its owner; fix with `chmod 600 " + keyFile
                    + "` and consider the CA key exposed");
        }
        return new CertificateAuthority(Pem.readPrivateKey(keyFile), Pem.readCertificates(pkiDirectory.resolve(CA_CERT)).getFirst(),
                clock, random);
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    /**
     * The agent id an agent certificate was issued for: its subject's one CN.
     *
     * @throws IllegalArgumentException if the subject does not carry exactly one CN
     */
    public static String agentId(X509Certificate agentCertificate) {
        X500Name name = new X500Name(agentCertificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        var rdns = name.getRDNs(BCStyle.CN);
        if (rdns.length != 1) {
            throw new IllegalArgumentException("an agent certificate's subject must carry exactly one CN (the agent id)");
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    public String fingerprint() {
        return Fingerprints.sha256Hex(caCertificate);
    }

    /**
     * The server's TLS identity, created on first use and reused after; a new one is made when
     * the names it must carry change or it is within 30 days of expiry.
     */
    public KeyMaterial serverIdentity(Path pkiDirectory, List<String> hostNames) {
        Path keyFile = pkiDirectory.resolve(SERVER_KEY);
        Path certFile = pkiDirectory.resolve(SERVER_CERT);
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            X509Certificate existing = Pem.readCertificates(certFile).getFirst();
            if (coversNames(existing, hostNames) && existing.getNotAfter().toInstant().isAfter(clock.instant().plus(Duration.ofDays(30)))) {
                return new KeyMaterial(Pem.readPrivateKey(keyFile), List.of(existing, caCertificate));
            }
        }
        KeyPair pair = KeyPairs.newP256(random);
        X509Certificate certificate = issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostNames.getFirst()).build(),
                pair.getPublic(), SERVER_VALIDITY, KeyPurposeId.id_kp_serverAuth, hostNames);
        KeyFiles.writeSecret(keyFile, Pem.encode(pair.getPrivate()));
        KeyFiles.writePublic(certFile, Pem.encode(certificate));
        return new KeyMaterial(pair.getPrivate(), List.of(certificate, caCertificate));
    }

    /**
     * Signs an agent's certification request after checking that it is well formed, signed by
     * the key it carries (proof the agent holds the private key) and uses an EC P-256 key.
     */
    public X509Certificate signAgentRequest(byte[] csrDer, String agentId, Duration validity) {
        JcaPKCS10CertificationRequest request;
        PublicKey publicKey;
        try {
            request = new JcaPKCS10CertificationRequest(csrDer).setProvider(Providers.bc());
            publicKey = request.getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.bc()).build(publicKey))) {
                throw new CertificateRequestException("the certification request's signature does not verify");
            }
        } catch (java.io.IOException | IllegalArgumentException | ClassCastException e) {
            throw new CertificateRequestException("the certification request is not valid PKCS#10 DER: " + e.getMessage());
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new CertificateRequestException("the certification request cannot be checked: " + e.getMessage());
        }
        if (!(publicKey instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new CertificateRequestException("agent keys must be EC P-256 (got " + publicKey.getAlgorithm() + ")");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, agentId).build();
        return issue(subject, publicKey, validity, KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private X509Certificate issue(X500Name subject, PublicKey key, Duration validity, KeyPurposeId purpose, List<String> hostNames) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            if (!hostNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostNames));
            }
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> hostNames) {
        return new GeneralNames(hostNames.stream()
                .map(name -> new GeneralName(isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    private static boolean coversNames(X509Certificate certificate, List<String> hostNames) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names != null && names.stream().map(entry -> normalise(String.valueOf(entry.get(1)))).toList()
                    .containsAll(hostNames.stream().map(CertificateAuthority::normalise).toList());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    private static String normalise(String hostName) {
        if (!isIpLiteral(hostName)) {
            return hostName.toLowerCase(java.util.Locale.ROOT);
        }
        try {
            return InetAddress.getByName(hostName).getHostAddress();
        } catch (UnknownHostException e) {
            return hostName;
        }
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(Providers.bc()).build(key);
            return new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
