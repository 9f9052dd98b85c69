package vn.canhgac.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.canhgac.agent.enroll.TestIdentities;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.protocol.bundle.SignedBundles;

class ExportCommandTest {

    private static final String AGENT = "0c7d2b7e-aaaa-4bbb-8ccc-dddddddddddd";

    @TempDir
    Path directory;

    @Test
    void exportWritesSignedFilesAndSaysHowToImportThem() throws Exception {
        Path state = directory.resolve("state");
        TestIdentities.enrolled(state, AGENT);
        try (Outbox outbox = Outbox.open(state.resolve("outbox.db"), 1000, Clock.systemUTC())) {
            outbox.append("agent.started", 1, "{}");
            outbox.append("usb.blocked.violation", 4, "{\"vendorId\":\"0951\"}");
        }
        Path usb = directory.resolve("usb");

        Run run = run("export", "--state-dir", state.toString(), "--out", usb.toString(), "--config", directory.resolve("none.yaml").toString());

        assertEquals(0, run.exitCode(), run.err());
        Path bundle = usb.resolve(BundleFormat.fileName(AGENT, 1, 2));
        assertEquals(AGENT, SignedBundles.verify(Files.readAllBytes(bundle)).bundle().getAgentId());
        assertTrue(run.out().contains("Exported 2 events of agent " + AGENT + " (sequences 1..2) into 1 file(s)"), run.out());
        assertTrue(run.out().contains("canhgacctl import " + usb), run.out());
        assertTrue(run.out().contains("The events stay in the outbox"), run.out());
    }

    @Test
    void exportOnAMachineThatIsNotEnrolledSaysHowToEnrol() {
        Run run = run("export", "--state-dir", directory.resolve("state").toString(), "--out", directory.resolve("usb").toString(),
                "--config", directory.resolve("none.yaml").toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("canhgac-agent: this agent is not enrolled"), run.err());
        assertTrue(run.err().contains("canhgac-agent enroll"), run.err());
    }

    @Test
    void exportWithoutOutboxSaysThereIsNothingAndCreatesNone() throws Exception {
        Path state = directory.resolve("state");
        TestIdentities.enrolled(state, AGENT);

        Run run = run("export", "--state-dir", state.toString(), "--out", directory.resolve("usb").toString(),
                "--config", directory.resolve("none.yaml").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Nothing to export"), run.out());
        assertTrue(Files.notExists(state.resolve("outbox.db")));
    }

    @Test
    void outIsRequired() {
        Run run = run("export");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out"), run.err());
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = AgentMain.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
