package vn.canhgac.agent.network;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditSource;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.policy.SecretDraftingPolicy;

/**
 * The connectivity part of {@code canhgac-agent audit}: one evaluation (probes included, since
 * the policy asks for them), published to the audit's connectivity board before the documents
 * source reads it, plus the history the agent kept in its state directory. Changes nothing:
 * it never isolates and never writes the history.
 */
public final class ConnectivityAuditSource implements AuditSource {

    private final Prober prober;

    public ConnectivityAuditSource() {
        this(Prober.withDefaultTrust());
    }

    public ConnectivityAuditSource(Prober prober) {
        this.prober = prober;
    }

    @Override
    public String name() {
        return "connectivity";
    }

    @Override
    public List<Finding> audit(AuditContext context) {
        ConnectivityCheck check = new ConnectivityCheck(new NetworkStateReader(context.hostRoot()), prober,
                ManagementServer.enrolledIn(context.stateDirectory()));
        SecretDraftingPolicy policy = context.policy().secretDrafting();
        ConnectivityCheck.Evaluation evaluation = check.evaluate(check.read(), policy, context.role(), context.clock().instant());
        context.connectivity().publish(evaluation.snapshot());

        List<Finding> errors = new ArrayList<>();
        evaluation.state().problems().forEach(problem -> errors.add(new ErrorFinding(name(), problem.path(), problem.message())));
        List<ConnectivityHistory.Entry> history = new ArrayList<>();
        String historyNote = history(context.stateDirectory(), history, errors);

        Assessment assessment = evaluation.assessment();
        List<Finding> findings = new ArrayList<>();
        findings.add(new ConnectivityFinding(assessment.verdictWord(), assessment.signals(), context.role(), assessment.violation(),
                assessment.violations(), Roles.SECRET_WORKSTATION.equals(context.role()) ? policy.internetAction().word() : "none",
                evaluation.state().interfaces(), evaluation.state().routes().stream().map(Route::describe).toList(),
                evaluation.state().dnsServers(), evaluation.probes(),
                assessment.managementLink().map(Assessment.ManagementLink::device).orElse(""), history, historyNote));
        findings.addAll(errors);
        return findings;
    }

    /** Fills {@code history} from an enrolled agent's state directory and says where it came from, or why there is none. */
    private String history(Optional<Path> stateDirectory, List<ConnectivityHistory.Entry> history, List<Finding> errors) {
        if (stateDirectory.isEmpty()) {
            return "none: no agent state directory was given";
        }
        if (!AgentIdentity.existsIn(stateDirectory.get())) {
            return "none: no agent is enrolled in " + stateDirectory.get() + ", so this machine keeps no connectivity history";
        }
        ConnectivityHistory file = ConnectivityHistory.in(stateDirectory.get());
        if (!file.exists()) {
            return "none recorded yet in " + file.file() + " (the agent writes it when it first runs)";
        }
        try {
            ConnectivityHistory.Loaded loaded = file.read();
            history.addAll(loaded.entries());
            if (loaded.unreadableLines() > 0) {
                errors.add(new ErrorFinding(name(), file.file().toString(),
                        loaded.unreadableLines() + " line(s) could not be parsed and were skipped (torn or edited)"));
            }
            return file.file() + ": " + loaded.entries().size() + " change(s)";
        } catch (UncheckedIOException e) {
            errors.add(new ErrorFinding(name(), file.file().toString(), e.getMessage()));
            return "unreadable: " + file.file();
        }
    }
}
