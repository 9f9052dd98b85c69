package vn.canhgac.systemtest.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.cli.AgentMain;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.protocol.bundle.SignedBundleWriter;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.Severity;
import vn.canhgac.server.cli.CtlMain;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.store.sqlite.SqliteEventStore;
import vn.canhgac.systemtest.Await;
import vn.canhgac.systemtest.RogueCertificates;
import vn.canhgac.systemtest.TestAgents;
import vn.canhgac.systemtest.TestServer;

/**
 * A secret-workstation that never reaches the server: its events travel as a signed bundle
 * (canhgac-agent export → removable media → canhgacctl import), are stored exactly once, and
 * nothing changed or signed by anyone else gets in.
 */
class AirGapExportImportTest {

    private static final int RECORDED = 1_000;

    @TempDir
    Path directory;

    @Test
    void eventsRecordedOfflineAreStoredOnceThroughAnExportedBundleAndNothingForgedGetsIn() throws Exception {
        Path stateA = directory.resolve("agent-a");
        Path stateB = directory.resolve("agent-b");
        AgentIdentity a;
        AgentIdentity b;
        ServerConfig samePorts;
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            a = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), stateA);
            b = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), stateB);
            samePorts = server.samePorts();
        }

        // The server is down from here on: the workstation records with nowhere to send.
        try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(stateA), HostRoot.of(directory), Clock.systemUTC(), List.of())) {
            for (int i = 1; i <= RECORDED; i++) {
                agent.record(i % 10 == 0 ? "usb.blocked.violation" : "usb.connected", i % 10 == 0 ? EventSeverity.HIGH : EventSeverity.INFO,
                        Map.of("n", i, "unit", "Sở Nội vụ"));
            }
            assertFalse(agent.isConnected());
        }
        long exported = RECORDED + 2; // and agent.started, agent.stopping
        Path usb = directory.resolve("usb");
        Run export = agent("export", "--state-dir", stateA.toString(), "--out", usb.toString(),
                "--config", directory.resolve("no-agent.yaml").toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("Exported " + exported + " events of agent " + a.agentId()), export.out());
        Path bundle = usb.resolve(BundleFormat.fileName(a.agentId(), 1, exported));
        assertTrue(Files.isRegularFile(bundle), export.out());

        try (TestServer server = TestServer.start(directory, Clock.systemUTC(), samePorts)) {
            SqliteEventStore events = server.server.database().events();

            Run first = ctl(server, "import", usb.toString());
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().contains(exported + " received, " + exported + " stored, 0 already held"), first.out());
            assertEquals(exported, events.count(Optional.of(a.agentId())));
            assertEquals(exported, events.countDistinct(a.agentId()));
            assertEquals(exported, events.highestSequence(a.agentId()));
            assertEquals(RECORDED / 10, events.countViolations(a.agentId()));

            Run again = ctl(server, "import", bundle.toString());
            assertEquals(0, again.exitCode(), again.err());
            assertTrue(again.out().contains(exported + " received, 0 stored, " + exported + " already held"), again.out());
            assertEquals(exported, events.count(Optional.of(a.agentId())));

            Path tampered = flipOneByte(bundle, directory.resolve("tampered"));
            assertRefused(ctl(server, "import", tampered.toString()), "(HTTP 422)");

            KeyMaterial keysB = b.keyMaterial();
            assertRefused(ctl(server, "import", bundle(directory.resolve("signed-by-b"), a.agentId(), keysB.key(), a.keyMaterial().leaf(),
                    exported + 1).toString()), "signature does not verify");
            assertRefused(ctl(server, "import", bundle(directory.resolve("claimed-by-b"), a.agentId(), keysB.key(), keysB.leaf(),
                    exported + 1).toString()), "signed with the certificate of agent " + b.agentId());
            KeyMaterial rogue = RogueCertificates.agentIdentityImitating(server.server.ca().certificate(), a.agentId());
            assertRefused(ctl(server, "import", bundle(directory.resolve("rogue"), a.agentId(), rogue.key(), rogue.leaf(),
                    exported + 1).toString()), "was not issued by this server's CA");

            assertEquals(exported, events.count(Optional.of(a.agentId())), "no refused bundle stored anything");
            assertEquals(exported, events.highestSequence(a.agentId()));
            assertEquals(0, events.count(Optional.of(b.agentId())));

            // Should the machine ever connect, the channel starts after what the import stored: nothing is sent twice.
            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(stateA), HostRoot.of(directory), Clock.systemUTC(), List.of())) {
                Await.until(Duration.ofSeconds(30), () -> agent.outbox().size() == 0 && events.count(Optional.of(a.agentId())) == exported + 1,
                        () -> "outbox=" + agent.outbox().size() + " stored=" + events.count(Optional.of(a.agentId())));
                assertEquals(exported + 1, events.countDistinct(a.agentId()));
            }
        }
    }

    private static void assertRefused(Run run, String reason) {
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(reason), run.err());
    }

    /** A copy of the bundle with one bit of one byte in the middle changed. */
    private static Path flipOneByte(Path bundle, Path directory) throws Exception {
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 0x04;
        Files.createDirectories(directory);
        return Files.write(directory.resolve(bundle.getFileName()), bytes);
    }

    /** A well-formed bundle of three events naming {@code agentId}, signed with any key and carrying any certificate. */
    private static Path bundle(Path directory, String agentId, PrivateKey key, X509Certificate certificate, long first) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (SignedBundleWriter writer = SignedBundleWriter.open(directory, agentId, key, certificate, SignedBundleWriter.Limits.FORMAT_MAXIMUM)) {
            for (long sequence = first; sequence < first + 3; sequence++) {
                writer.add(Event.newBuilder().setSequence(sequence).setOccurredAtEpochMs(System.currentTimeMillis()).setType("usb.connected")
                        .setSeverity(Severity.SEVERITY_INFO).setPayloadJson(ByteString.copyFromUtf8("{\"forged\":true}")).build());
            }
            return writer.finish(java.time.Instant.now(), 0).file();
        }
    }

    private static Run agent(String... args) {
        return run(AgentMain.commandLine(), args);
    }

    /** canhgacctl as an administrator, logged in the way a person is: password and TOTP code, session saved to a file. */
    private static Run ctl(TestServer server, String... args) {
        Path data = server.paths.dataDirectory();
        String api = "https://127.0.0.1:" + server.server.api().localAddress().getPort();
        Path session = data.resolve("ctl-session");
        if (!Files.exists(session)) {
            String password = "importer-password-1";
            var admin = server.server.accounts().create("test", "importer", vn.canhgac.server.auth.Role.ADMIN, java.util.List.of(), password);
            Path passwordFile = data.resolve("importer.password");
            Path totpFile = data.resolve("importer.totp");
            vn.canhgac.protocol.tls.KeyFiles.writeSecret(passwordFile, password + "\n");
            vn.canhgac.protocol.tls.KeyFiles.writeSecret(totpFile, admin.totpSecret() + "\n");
            Run login = run(CtlMain.commandLine(Clock.systemUTC()), "login", "--user", "importer", "--password-file", passwordFile.toString(),
                    "--totp-secret-file", totpFile.toString(), "--data-dir", data.toString(), "--api", api, "--session-file", session.toString());
            assertEquals(0, login.exitCode(), login.err());
        }
        String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", data.toString(), "--api", api, "--session-file",
                session.toString())).toArray(String[]::new);
        return run(CtlMain.commandLine(Clock.systemUTC()), all);
    }

    private static Run run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
