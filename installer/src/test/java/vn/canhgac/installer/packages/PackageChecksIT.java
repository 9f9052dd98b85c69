package vn.canhgac.installer.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.installer.release.ArtifactVerifier;

/** Checks on the artifacts the build made, short of installing them (DebianChrootIT does that). */
class PackageChecksIT {

    @TempDir
    Path work;

    @Test
    void packagesPassLintianWithoutErrors() {
        assumeTrue(Command.available("lintian"), "lintian is not installed (.ci/run installs it: apt-get install lintian)");
        Command lintian = Command.run("lintian", "--fail-on", "error", "--allow-root", Dist.agentDeb().toString(), Dist.serverDeb().toString());
        System.out.println("lintian:\n" + lintian.output());
        List<String> errors = lintian.output().lines().filter(line -> line.startsWith("E:")).toList();
        assertEquals(List.of(), errors);
        assertEquals(0, lintian.status(), lintian.output());
    }

    @Test
    void systemdAcceptsTheUnits() throws IOException {
        assumeTrue(Command.available("systemd-analyze"), "systemd-analyze is not installed (package systemd)");
        assumeTrue(Files.isDirectory(Path.of("/lib/systemd/system")), "no /lib/systemd/system to verify the units against");
        // A root holding both packages and this machine's own units (the targets ours refer to), so that
        // ExecStart= paths are checked against the packaged launchers.
        Path root = work.resolve("root");
        extract(Dist.agentDeb(), root);
        extract(Dist.serverDeb(), root);
        Command.run("cp", "-rn", "/lib/systemd/system/.", root.resolve("lib/systemd/system").toString()).ok();

        Command verify = Command.run("systemd-analyze", "verify", "--root=" + root, "canhgac-agent.service", "canhgac-server.service");
        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze warns about the units");
    }

    @Test
    void agentPackageHoldsRuntimeLauncherConffileAndTheSharedJvmOptions() throws IOException {
        Path root = work.resolve("agent");
        extract(Dist.agentDeb(), root);
        Path home = root.resolve("usr/lib/canhgac-agent");
        assertTrue(Files.isExecutable(home.resolve("runtime/bin/java")));
        assertTrue(Files.isExecutable(home.resolve("bin/canhgac-agent")));
        assertEquals(Path.of("../lib/canhgac-agent/bin/canhgac-agent"), Files.readSymbolicLink(root.resolve("usr/bin/canhgac-agent")));
        assertEquals(Files.readString(Path.of("../agent/jvm.options")), Files.readString(home.resolve("jvm.options")),
                "the package runs the agent with agent/jvm.options");
        assertEquals("/etc/canhgac/agent.yaml", Command.run("dpkg-deb", "-I", Dist.agentDeb().toString(), "conffiles").ok().strip());
        assertFalse(Files.exists(home.resolve("lib/vertx-core-5.1.6.jar")), "the agent carries only the jars it needs");
    }

    @Test
    void packagedApplicationsRunFromTheirOwnRuntimes() throws IOException {
        Path root = work.resolve("root");
        extract(Dist.agentDeb(), root);
        extract(Dist.serverDeb(), root);
        // No java on the PATH: the launchers must use the runtimes inside the packages.
        Map<String, String> noJava = Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "/nonexistent");
        String agent = Command.run(java.time.Duration.ofMinutes(1), noJava,
                List.of(root.resolve("usr/lib/canhgac-agent/bin/canhgac-agent").toString(), "--version")).ok();
        assertTrue(agent.startsWith("canhgac-agent "), agent);

        // init exercises what the server's runtime must hold: Bouncy Castle, SQLite, Flyway.
        String init = Command.run(java.time.Duration.ofMinutes(1), noJava, List.of(root.resolve("usr/lib/canhgac-server/bin/canhgac-server")
                .toString(), "init", "--without-admin", "--data-dir", work.resolve("server-data").toString())).ok();
        assertTrue(init.contains("CA fingerprint"), init);
        // audit exercises the agent's policy engine, YAML and JSON.
        Files.createDirectories(work.resolve("host"));
        String audit = Command.run(java.time.Duration.ofMinutes(1), noJava, List.of(root.resolve("usr/lib/canhgac-agent/bin/canhgac-agent")
                .toString(), "audit", "--host-root", work.resolve("host").toString(), "--format", "json")).ok();
        assertTrue(audit.contains("{"), audit);
    }

    @Test
    void windowsZipHoldsJarsServiceDefinitionAndInstallScript() throws IOException {
        try (ZipFile zip = new ZipFile(Dist.windowsZip().toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            for (String expected : List.of("canhgac-agent/canhgac-agent-service.xml", "canhgac-agent/Install-CanhGacAgent.ps1",
                    "canhgac-agent/jvm.options", "canhgac-agent/agent.yaml")) {
                assertTrue(names.contains(expected), expected + " in " + names);
            }
            assertTrue(names.stream().anyMatch(n -> n.matches("canhgac-agent/lib/canhgac-agent-.*\\.jar")), names.toString());
        }
    }

    @Test
    void builtArtifactsVerifyAndATamperedCopyFails() throws IOException {
        Path copy = work.resolve("dist");
        Command.run("cp", "-r", Dist.directory().toString(), copy.toString()).ok();
        var key = ArtifactVerifier.readPublicKey(copy.resolve("canhgac-release.pub.pem"));
        ArtifactVerifier.Report intact = ArtifactVerifier.verify(copy, key);
        assertTrue(intact.ok(), intact.failures().toString());
        assertEquals(3, intact.verified().size(), intact.verified().toString());

        Path deb = copy.resolve(Dist.agentDeb().getFileName());
        try (var file = new java.io.RandomAccessFile(deb.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x01);
        }
        ArtifactVerifier.Report tampered = ArtifactVerifier.verify(copy, key);
        assertFalse(tampered.ok());
        assertTrue(tampered.failures().getFirst().startsWith(deb.getFileName() + ": SHA-256 is"), tampered.failures().toString());
    }

    @Test
    void opensslVerifiesTheSignaturesToo() {
        assumeTrue(Command.available("openssl"), "openssl is not installed");
        Path deb = Dist.agentDeb();
        Command openssl = Command.run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                Dist.directory().resolve("canhgac-release.pub.pem").toString(), "-rawin", "-in", deb.toString(), "-sigfile", deb + ".sig");
        assertEquals(0, openssl.status(), openssl.output());
        assertTrue(openssl.output().contains("Signature Verified Successfully"), openssl.output());
    }

    static void extract(Path deb, Path root) {
        Command.run("dpkg-deb", "-x", deb.toString(), root.toString()).ok();
    }
}
