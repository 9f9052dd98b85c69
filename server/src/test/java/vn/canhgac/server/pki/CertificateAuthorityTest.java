package vn.canhgac.server.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.Providers;

class CertificateAuthorityTest {

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority ca() {
        return CertificateAuthority.create(directory.resolve("pki"), "Test", Clock.systemUTC(), random);
    }

    private static byte[] csr(KeyPair keys) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=whatever"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(keys.getPrivate())).getEncoded();
    }

    @Test
    void caKeyIsOwnerOnlyFromTheStart() throws Exception {
        ca();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("pki/ca.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("pki"))));
    }

    @Test
    void existingCaIsNeverReplaced() {
        ca();
        assertThrows(IllegalStateException.class, this::ca);
    }

    @Test
    void loadRefusesACaKeyOthersCanRead() throws Exception {
        ca();
        Files.setPosixFilePermissions(directory.resolve("pki/ca.key"), PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.load(directory.resolve("pki"), Clock.systemUTC(), random));
        assertTrue(error.getMessage().contains("chmod 600"), error.getMessage());
    }

    @Test
    void agentCertificateNamesTheAgentIsForClientsOnlyAndVerifiesAgainstTheCa() throws Exception {
        CertificateAuthority ca = ca();
        KeyPair keys = KeyPairs.newP256(random);
        X509Certificate certificate = ca.signAgentRequest(csr(keys), "agent-1", Duration.ofDays(30));
        certificate.verify(ca.certificate().getPublicKey());
        assertEquals("CN=agent-1", certificate.getSubjectX500Principal().getName());
        assertEquals(List.of(KeyPurposeId.id_kp_clientAuth.getId()), certificate.getExtendedKeyUsage(), "clientAuth only: never usable as a server");
        assertEquals(keys.getPublic(), certificate.getPublicKey());
    }

    @Test
    void requestSignedByAnotherKeyIsRefused() throws Exception {
        CertificateAuthority ca = ca();
        KeyPair claimed = KeyPairs.newP256(random);
        KeyPair signer = KeyPairs.newP256(random);
        byte[] forged = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bc()).build(signer.getPrivate())).getEncoded();
        CertificateRequestException error = assertThrows(CertificateRequestException.class,
                () -> ca.signAgentRequest(forged, "agent-2", Duration.ofDays(1)));
        assertTrue(error.getMessage().contains("signature"), error.getMessage());
    }

    @Test
    void garbageRequestIsRefusedClearly() {
        CertificateAuthority ca = ca();
        CertificateRequestException error = assertThrows(CertificateRequestException.class,
                () -> ca.signAgentRequest(new byte[] {1, 2, 3}, "agent-3", Duration.ofDays(1)));
        assertTrue(error.getMessage().contains("PKCS#10"), error.getMessage());
    }

    @Test
    void serverCertificateCarriesItsNamesAndIsReusedUntilTheyChange() throws Exception {
        CertificateAuthority ca = ca();
        Path pki = directory.resolve("pki");
        X509Certificate first = ca.serverIdentity(pki, List.of("127.0.0.1", "localhost")).leaf();
        assertEquals(List.of(KeyPurposeId.id_kp_serverAuth.getId()), first.getExtendedKeyUsage());
        assertEquals(first, ca.serverIdentity(pki, List.of("localhost", "127.0.0.1")).leaf());
        X509Certificate renamed = ca.serverIdentity(pki, List.of("canhgac.example.gov.vn")).leaf();
        assertTrue(!renamed.equals(first));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("server.key"))));
    }
}
