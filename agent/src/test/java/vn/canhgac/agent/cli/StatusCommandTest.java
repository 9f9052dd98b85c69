package vn.canhgac.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.TestIdentities;
import vn.canhgac.agent.policy.ActivePolicy;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.agent.policy.TestBundles;
import vn.canhgac.protocol.policy.Policy;

class StatusCommandTest {

    private static final String AGENT = "0c7d2b7e-aaaa-4bbb-8ccc-dddddddddddd";

    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err) {}

    private Run status(Path state) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = AgentMain.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exitCode = line.execute("status", "--state-dir", state.toString(), "--config", directory.resolve("none.yaml").toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void showsTheSignedPolicyItRunsAndTheKeyFingerprint() throws Exception {
        Path state = directory.resolve("state");
        AgentIdentity identity = TestIdentities.enrolled(state, AGENT, TestBundles.SERVER);
        SignedPolicies.open(identity.policyKeys(), state, ActivePolicy.unsigned(Policy.defaults(), "built-in defaults"),
                (type, severity, details) -> {}).offer(TestBundles.signed(12, "so-noi-vu-co-ban", 4));

        Run run = status(state);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Agent:        " + AGENT + " (unit \"Sở Nội vụ\", role secret-workstation)"), run.out());
        assertTrue(run.out().contains("Policy keys:  " + TestBundles.SERVER.verifying().fingerprint()), run.out());
        assertTrue(run.out().contains("Policy:       so-noi-vu-co-ban revision 4, bundle version 12, signed by the server"), run.out());
    }

    @Test
    void beforeAnyBundleShowsTheDefaultsAtVersionZero() throws Exception {
        Path state = directory.resolve("state");
        TestIdentities.enrolled(state, AGENT);

        Run run = status(state);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Policy:       built-in-defaults (built-in defaults, no signed bundle); reports version 0"), run.out());
    }

    @Test
    void damagedStoredBundleIsShownAsAProblem() throws Exception {
        Path state = directory.resolve("state");
        TestIdentities.enrolled(state, AGENT);
        Files.write(state.resolve("policy-bundle.pb"), new byte[] {1, 2, 3});

        Run run = status(state);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Problem:      ") && run.out().contains("is not a policy bundle"), run.out());
    }

    @Test
    void notEnrolledSaysHowToEnrol() {
        Run run = status(directory.resolve("state"));

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("canhgac-agent enroll"), run.err());
    }
}
