package vn.canhgac.installer.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.protocol.tls.Pem;

class ReleaseSigningTest {

    @TempDir
    Path home;

    @TempDir
    Path dist;

    private final SecureRandom random = new SecureRandom();
    private ReleaseKey key;

    @BeforeEach
    void signTwoArtifacts() throws IOException {
        key = ReleaseKey.resolve(Optional.empty(), Map.of(), home, random);
        Files.writeString(dist.resolve("canhgac-agent_1.0_amd64.deb"), "agent package bytes");
        Files.writeString(dist.resolve("canhgac-server_1.0_amd64.deb"), "server package bytes");
        ArtifactSigner.sign(dist, key);
    }

    @Test
    void signedDirectoryVerifies() {
        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertTrue(report.ok(), report.failures().toString());
        assertEquals(List.of("canhgac-agent_1.0_amd64.deb", "canhgac-server_1.0_amd64.deb"), report.verified());
    }

    @Test
    void tamperedArtifactFailsVerification() throws IOException {
        Path agent = dist.resolve("canhgac-agent_1.0_amd64.deb");
        byte[] bytes = Files.readAllBytes(agent);
        bytes[3] ^= 1;
        Files.write(agent, bytes);

        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertFalse(report.ok());
        assertTrue(report.failures().getFirst().startsWith("canhgac-agent_1.0_amd64.deb: SHA-256 is"), report.failures().toString());
        assertEquals(List.of("canhgac-server_1.0_amd64.deb"), report.verified());
    }

    @Test
    void tamperedArtifactWithItsSumRewrittenFailsOnTheSumsSignature() throws IOException {
        Path agent = dist.resolve("canhgac-agent_1.0_amd64.deb");
        Files.writeString(agent, "a trojan");
        Path sums = dist.resolve(ReleaseFiles.SUMS);
        String rewritten = Files.readString(sums).replaceFirst("^[0-9a-f]{64}", ReleaseFiles.sha256Hex(agent));
        Files.writeString(sums, rewritten);

        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertFalse(report.ok());
        assertTrue(report.failures().getFirst().contains("SHA256SUMS: signature does not verify"), report.failures().toString());
        assertTrue(report.verified().isEmpty(), "nothing is trusted once the list is");
    }

    @Test
    void artifactResignedWithAnotherKeyFailsAgainstThePinnedKey() throws IOException {
        ReleaseKey attacker = ReleaseKey.resolve(Optional.empty(), Map.of(), Files.createTempDirectory(home, "attacker"), random);
        Files.writeString(dist.resolve("canhgac-agent_1.0_amd64.deb"), "a trojan");
        ArtifactSigner.sign(dist, attacker);

        assertTrue(ArtifactVerifier.verify(dist, attacker.publicKey()).ok(), "consistent with the key beside it");
        ArtifactVerifier.Report pinned = ArtifactVerifier.verify(dist, key.publicKey());
        assertFalse(pinned.ok());
        assertTrue(pinned.failures().getFirst().contains("signature does not verify"), pinned.failures().toString());
    }

    @Test
    void swappedSignatureFilesFail() throws IOException {
        Path agentSignature = dist.resolve("canhgac-agent_1.0_amd64.deb.sig");
        Path serverSignature = dist.resolve("canhgac-server_1.0_amd64.deb.sig");
        byte[] agent = Files.readAllBytes(agentSignature);
        Files.write(agentSignature, Files.readAllBytes(serverSignature));
        Files.write(serverSignature, agent);

        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertEquals(2, report.failures().size(), report.failures().toString());
    }

    @Test
    void truncatedOrMissingSignatureFails() throws IOException {
        Files.write(dist.resolve("canhgac-agent_1.0_amd64.deb.sig"), new byte[10]);
        Files.delete(dist.resolve("canhgac-server_1.0_amd64.deb.sig"));

        List<String> failures = ArtifactVerifier.verify(dist, key.publicKey()).failures();
        assertEquals(List.of("canhgac-agent_1.0_amd64.deb: canhgac-agent_1.0_amd64.deb.sig is 10 bytes; an Ed25519 signature is 64",
                "canhgac-server_1.0_amd64.deb: no signature (canhgac-server_1.0_amd64.deb.sig is missing)"), failures);
    }

    @Test
    void artifactNotListedInTheSumsFails() throws IOException {
        Files.writeString(dist.resolve("extra.zip"), "slipped in later");

        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertFalse(report.ok());
        assertEquals(List.of("extra.zip: not listed in SHA256SUMS, so not covered by the release signature"), report.failures());
    }

    @Test
    void listedArtifactThatIsAbsentIsReportedNotFailed() throws IOException {
        Files.delete(dist.resolve("canhgac-server_1.0_amd64.deb"));
        Files.delete(dist.resolve("canhgac-server_1.0_amd64.deb.sig"));

        ArtifactVerifier.Report report = ArtifactVerifier.verify(dist, key.publicKey());
        assertTrue(report.ok(), report.failures().toString());
        assertEquals(List.of("canhgac-server_1.0_amd64.deb"), report.absent());
    }

    @Test
    void malformedSumsLinesAreNamed() throws IOException {
        Path sums = dist.resolve(ReleaseFiles.SUMS);
        byte[] content = (Files.readString(sums) + "not a sum line\n").getBytes(StandardCharsets.UTF_8);
        Files.write(sums, content);
        Files.write(ReleaseFiles.signatureOf(sums), ReleaseFiles.sign(key.privateKey(), content));

        assertEquals(List.of("SHA256SUMS line 3: not \"SHA256  NAME\""), ArtifactVerifier.verify(dist, key.publicKey()).failures());
    }

    @Test
    void oversizedSumsFileIsRefusedWithItsLimit() throws IOException {
        Files.write(dist.resolve(ReleaseFiles.SUMS), new byte[(int) ReleaseFiles.MAX_SUMS_BYTES + 1]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ArtifactVerifier.verify(dist, key.publicKey()));
        assertTrue(error.getMessage().contains("more than the 1048576 a release file may have"), error.getMessage());
    }

    @Test
    void developmentKeyIsMadeOnceOwnerOnlyAndReused() throws IOException {
        Path file = home.resolve(".config/canhgac/release-dev.key");
        assertTrue(key.development());
        assertEquals(file, key.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ReleaseKey again = ReleaseKey.resolve(Optional.empty(), Map.of(), home, random);
        assertEquals(key.publicKey(), again.publicKey());
    }

    @Test
    void configuredKeyWinsOverTheDevelopmentKey() {
        Path file = home.resolve("release.key");
        KeyFiles.writeSecret(file, Pem.encode(ReleaseKey.generate(random).getPrivate()));

        ReleaseKey fromEnvironment = ReleaseKey.resolve(Optional.empty(), Map.of(ReleaseKey.ENVIRONMENT, file.toString()), home, random);
        assertFalse(fromEnvironment.development());
        assertEquals(file, fromEnvironment.file());
        ReleaseKey fromProperty = ReleaseKey.resolve(Optional.of(file.toString()), Map.of(), home, random);
        assertEquals(fromEnvironment.publicKey(), fromProperty.publicKey());
    }

    @Test
    void releaseKeyReadableByOthersIsRefused() throws IOException {
        Path file = home.resolve("release.key");
        KeyFiles.writeSecret(file, Pem.encode(ReleaseKey.generate(random).getPrivate()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ReleaseKey.load(file, false));
        assertTrue(error.getMessage().contains("must be mode 0600"), error.getMessage());
    }

    @Test
    void nonEd25519KeyIsRefused() {
        Path file = home.resolve("tls.key");
        KeyFiles.writeSecret(file, Pem.encode(vn.canhgac.protocol.tls.KeyPairs.newP256(random).getPrivate()));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ReleaseKey.load(file, false));
        assertTrue(error.getMessage().contains("the release key must be Ed25519"), error.getMessage());
    }

    @Test
    void publicKeyBesideTheArtifactsIsTheSigningKey() {
        assertEquals(key.publicKey(), ReleaseFiles.readPublicKey(dist.resolve(ReleaseFiles.PUBLIC_KEY)));
    }
}
