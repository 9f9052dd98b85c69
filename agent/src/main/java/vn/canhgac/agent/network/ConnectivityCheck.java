package vn.canhgac.agent.network;

import java.time.Instant;
import java.util.List;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.protocol.policy.SecretDraftingPolicy;

/**
 * One evaluation, shared by the running collector and the audit: read the host's network state,
 * run the policy's probes, judge. Reading is cheap; probes take up to their timeout.
 */
public final class ConnectivityCheck {

    /** Everything one evaluation saw and concluded. */
    public record Evaluation(NetworkState state, List<ProbeResult> probes, Assessment assessment, Instant at) {

        public ConnectivityBoard.Snapshot snapshot() {
            return new ConnectivityBoard.Snapshot(assessment.verdict(), assessment.signals(), at);
        }
    }

    private final NetworkStateReader reader;
    private final Prober prober;
    private final ManagementServer management;

    ConnectivityCheck(NetworkStateReader reader, Prober prober, ManagementServer management) {
        this.reader = reader;
        this.prober = prober;
        this.management = management;
    }

    public NetworkState read() {
        return reader.read();
    }

    public Evaluation evaluate(NetworkState state, SecretDraftingPolicy policy, String role, Instant at) {
        List<ProbeResult> probes = prober.run(policy.probes());
        return new Evaluation(state, probes, ConnectivityJudge.assess(state, probes, policy, role, management.addresses()), at);
    }
}
