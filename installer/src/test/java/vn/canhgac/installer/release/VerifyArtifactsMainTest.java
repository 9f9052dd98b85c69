package vn.canhgac.installer.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyArtifactsMainTest {

    @TempDir
    Path home;

    @TempDir
    Path dist;

    @Test
    void exitsZeroForAnIntactDirectoryAndOneForATamperedArtifact() throws IOException {
        ReleaseKey key = ReleaseKey.resolve(Optional.empty(), Map.of(), home, new SecureRandom());
        Files.writeString(dist.resolve("canhgac-agent_1.0_amd64.deb"), "agent package bytes");
        ArtifactSigner.sign(dist, key);

        StringWriter intact = new StringWriter();
        assertEquals(0, run(intact, dist.toString()));
        assertTrue(intact.toString().contains("OK      canhgac-agent_1.0_amd64.deb"), intact.toString());
        assertTrue(intact.toString().contains("taken from the directory itself"), intact.toString());

        Files.writeString(dist.resolve("canhgac-agent_1.0_amd64.deb"), "agent package bytes, changed");
        StringWriter tampered = new StringWriter();
        assertEquals(1, run(tampered, dist.toString(), "--public-key", dist.resolve(ReleaseFiles.PUBLIC_KEY).toString()));
        assertTrue(tampered.toString().contains("FAILED  canhgac-agent_1.0_amd64.deb: SHA-256 is"), tampered.toString());
        assertTrue(tampered.toString().endsWith("VERIFICATION FAILED\n"), tampered.toString());
    }

    @Test
    void directoryWithoutSumsFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = VerifyArtifactsMain.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        assertEquals(1, line.execute(dist.toString()));
        assertTrue(err.toString().contains("canhgac-release.pub.pem does not exist"), err.toString());
    }

    private static int run(StringWriter out, String... args) {
        CommandLine line = VerifyArtifactsMain.commandLine();
        line.setOut(new PrintWriter(out));
        return line.execute(args);
    }
}
