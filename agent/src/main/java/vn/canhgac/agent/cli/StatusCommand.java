package vn.canhgac.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.policy.ActivePolicy;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.protocol.signing.VerifyingKeys;

/**
 * {@code canhgac-agent status}: who this agent is and which policy it runs, read from the state
 * directory without changing it, so staff can compare the version and key fingerprint with the
 * server's.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show this agent's enrolment, the policy it runs (name, revision, bundle version) and the fingerprint of the"
                + " server's policy keys. Reads the state directory only; the agent may be running.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AgentMain.Common common;

    @Override
    public Integer call() {
        AgentConfig config = common.config();
        AgentIdentity identity = AgentIdentity.load(config.stateDirectory());
        SignedPolicies.Startup startup = SignedPolicies.inspect(identity.policyKeys(), config.stateDirectory(),
                AgentRuntime.unsignedPolicy(config));
        ActivePolicy policy = startup.active();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Agent:        " + identity.agentId() + " (unit \"" + identity.unit() + "\", role " + identity.role() + ")");
        out.println("Server:       " + identity.channel().getHostString() + ":" + identity.channel().getPort());
        out.println("Policy keys:  " + identity.policyKeys().map(VerifyingKeys::fingerprint)
                .orElse("none (enrolled by an older version; enrol again to receive signed policies)"));
        out.println("Policy:       " + policy.describe() + (policy.isSigned()
                ? ", signed by the server"
                : "; reports version 0 until the server's bundle is accepted (`run --policy FILE` replaces the configured file)"));
        startup.storedBundleProblem().ifPresent(problem ->
                out.println("Problem:      " + problem + " (the agent sets the file aside at its next start and asks the server again)"));
        out.flush();
        return 0;
    }
}
