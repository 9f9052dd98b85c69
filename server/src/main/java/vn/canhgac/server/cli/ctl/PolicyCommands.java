package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyException;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.server.api.PolicyApiModel.AssignmentChange;
import vn.canhgac.server.api.PolicyApiModel.AssignmentList;
import vn.canhgac.server.api.PolicyApiModel.AssignmentView;
import vn.canhgac.server.api.PolicyApiModel.EffectivePolicyView;
import vn.canhgac.server.api.PolicyApiModel.LaggingAgent;
import vn.canhgac.server.api.PolicyApiModel.LaggingList;
import vn.canhgac.server.api.PolicyApiModel.PolicyDetails;
import vn.canhgac.server.api.PolicyApiModel.PolicyDocument;
import vn.canhgac.server.api.PolicyApiModel.PolicyList;
import vn.canhgac.server.api.PolicyApiModel.PolicySummary;
import vn.canhgac.server.api.PolicyApiModel.PublishedPolicy;
import vn.canhgac.server.api.PolicyApiModel.RevisionSummary;

/**
 * {@code canhgacctl policy}: validate, publish, read and assign policies. Each subcommand is its
 * own class; a new one is one more entry in {@code subcommands}.
 */
@Command(name = "policy", description = "Validate, publish, show and assign policies; see agents' effective policies and who lags.",
        subcommands = {PolicyCommands.Validate.class, PolicyCommands.Publish.class, PolicyCommands.List.class, PolicyCommands.Show.class,
                PolicyCommands.History.class, PolicyCommands.Assignments.class, PolicyCommands.Assign.class, PolicyCommands.Unassign.class,
                PolicyCommands.Effective.class, PolicyCommands.Lagging.class, PolicyDryRunCommand.class})
public final class PolicyCommands {

    private PolicyCommands() {}

    @Command(name = "validate", description = "Check a policy file here, without the server: prints FILE:LINE: field F: reason for the"
            + " first problem (exit 1), or what the policy sets.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy document (YAML).")
        Path file;

        @Override
        public Integer call() {
            Policy policy;
            try {
                policy = PolicyParser.read(file);
            } catch (PolicyException e) {
                spec.commandLine().getErr().println(location(e));
                spec.commandLine().getErr().flush();
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid policy " + policy.metadata().name() + " (usb.storage " + policy.usb().storage().word()
                    + ", software " + policy.software().mode().word() + "/" + policy.software().action().word()
                    + ", secretDrafting.internetAction " + policy.secretDrafting().internetAction().word()
                    + ", documents.scan " + policy.documents().scan() + ")");
            out.flush();
            return 0;
        }
    }

    @Command(name = "publish", description = "Publish a policy file as the next revision of the policy it names; online agents get it at once.")
    static final class Publish extends ApiCommand {
        @Parameters(paramLabel = "FILE", description = "The policy document (YAML); checked here first.")
        Path file;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "What this revision changes and why (audited).")
        String comment;

        @Override
        void run(ApiClient api, PrintWriter out) {
            try {
                PolicyParser.read(file);
            } catch (PolicyException e) {
                throw new CtlException(location(e));
            }
            String answer = api.postFile("/api/v1/policies?comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8), file,
                    Duration.ofSeconds(60));
            if (json()) {
                out.println(answer);
                return;
            }
            PublishedPolicy published = api.read(answer, PublishedPolicy.class);
            out.println("Published " + published.name() + " revision " + published.revision() + " as bundle version " + published.version()
                    + " (sha256 " + published.sha256() + "); sent to " + published.pushedTo() + " online agent(s).");
        }
    }

    @Command(name = "list", description = "List the policies you can see, with their latest revision.")
    static final class List extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/policies");
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<PolicySummary> policies = api.read(answer, PolicyList.class).policies();
            if (policies.isEmpty()) {
                out.println("No policies yet; publish one with `canhgacctl policy publish FILE --comment TEXT`.");
                return;
            }
            Table table = new Table("NAME", "REVISION", "UPDATED", "BY", "ASSIGNMENTS", "COMMENT");
            for (PolicySummary policy : policies) {
                table.row(policy.name(), policy.latestRevision(), Texts.time(policy.updatedAt()), policy.updatedBy(), policy.assignments(),
                        Texts.shorten(policy.comment(), 60));
            }
            table.print(out);
        }
    }

    @Command(name = "show", description = "Show a policy's latest revision (or --revision N); --document prints the YAML as published.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The policy's metadata.name.")
        String name;

        @Option(names = "--revision", paramLabel = "N", description = "A revision; default: the latest.")
        Long revision;

        @Option(names = "--document", description = "Print only the document.")
        boolean document;

        @Override
        void run(ApiClient api, PrintWriter out) {
            long chosen = revision != null ? revision
                    : api.read(api.get("/api/v1/policies/" + ApiClient.segment(name)), PolicyDetails.class).revisions().getLast().revision();
            String answer = api.get("/api/v1/policies/" + ApiClient.segment(name) + "/revisions/" + chosen);
            if (json()) {
                out.println(answer);
                return;
            }
            PolicyDocument shown = api.read(answer, PolicyDocument.class);
            if (!document) {
                field(out, "policy", shown.name());
                field(out, "revision", shown.revision());
                field(out, "published", Texts.time(shown.createdAt()) + " by " + shown.author());
                field(out, "comment", shown.comment());
                field(out, "sha256", shown.sha256());
                out.println();
            }
            out.print(shown.document());
        }
    }

    @Command(name = "history", description = "List every revision of a policy: author, time, comment, SHA-256.")
    static final class History extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The policy's metadata.name.")
        String name;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/policies/" + ApiClient.segment(name));
            if (json()) {
                out.println(answer);
                return;
            }
            PolicyDetails details = api.read(answer, PolicyDetails.class);
            Table table = new Table("REVISION", "PUBLISHED", "AUTHOR", "SHA256", "COMMENT");
            for (RevisionSummary revision : details.revisions()) {
                table.row(revision.revision(), Texts.time(revision.createdAt()), revision.author(), revision.sha256().substring(0, 16),
                        Texts.shorten(revision.comment(), 60));
            }
            table.print(out);
            for (AssignmentView assignment : details.assignments()) {
                out.println("assigned to \"" + assignment.unit() + "\" for " + roleText(assignment.role()));
            }
        }
    }

    @Command(name = "assignments", description = "List the policy assignments of your units.")
    static final class Assignments extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/policy-assignments");
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<AssignmentView> assignments = api.read(answer, AssignmentList.class).assignments();
            if (assignments.isEmpty()) {
                out.println("No policy is assigned; `canhgacctl policy assign NAME --unit UNIT` assigns one.");
                return;
            }
            Table table = new Table("UNIT", "ROLE", "POLICY", "ASSIGNED", "BY");
            for (AssignmentView assignment : assignments) {
                table.row(assignment.unit(), roleText(assignment.role()), assignment.policy(), Texts.time(assignment.assignedAt()),
                        assignment.assignedBy());
            }
            table.print(out);
        }
    }

    @Command(name = "assign", description = "Assign a policy to a unit and its sub-units, for one role or every role; online agents get it at once.")
    static final class Assign extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The policy's metadata.name.")
        String name;

        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "The unit, e.g. \"Sở Nội vụ\".")
        String unit;

        @Option(names = "--role", paramLabel = "ROLE", description = "Only machines of this role; default: every role.")
        String role;

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("unit", unit);
            if (role != null) {
                body.put("role", role);
            }
            body.put("policy", name);
            String answer = api.post("/api/v1/policy-assignments", body);
            if (json()) {
                out.println(answer);
                return;
            }
            AssignmentChange change = api.read(answer, AssignmentChange.class);
            out.println("Assigned " + name + " to \"" + change.assignment().unit() + "\" for " + roleText(change.assignment().role())
                    + (change.replaced() == null ? "" : " (replacing " + change.replaced().policy() + ")") + "; sent to "
                    + change.pushedTo() + " online agent(s).");
        }
    }

    @Command(name = "unassign", description = "Remove the assignment of a unit (and role); its agents follow the next assignment up the tree.")
    static final class Unassign extends ApiCommand {
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "The unit.")
        String unit;

        @Option(names = "--role", paramLabel = "ROLE", description = "The role of the assignment; default: the every-role one.")
        String role;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.delete("/api/v1/policy-assignments?unit=" + URLEncoder.encode(unit, StandardCharsets.UTF_8)
                    + (role == null ? "" : "&role=" + URLEncoder.encode(role, StandardCharsets.UTF_8)));
            if (json()) {
                out.println(answer);
                return;
            }
            AssignmentChange change = api.read(answer, AssignmentChange.class);
            out.println("Removed the assignment of " + change.replaced().policy() + " to \"" + change.replaced().unit() + "\" for "
                    + roleText(change.replaced().role()) + "; sent to " + change.pushedTo() + " online agent(s).");
        }
    }

    @Command(name = "effective", description = "Show the policy an agent should run, where it comes from, and what the agent runs.")
    static final class Effective extends ApiCommand {
        @Parameters(paramLabel = "AGENT_ID", description = "The agent's id, as `canhgacctl agent list` shows it.")
        String agentId;

        @Option(names = "--document", description = "Also print the document.")
        boolean document;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/agents/" + ApiClient.segment(agentId) + "/policy");
            if (json()) {
                out.println(answer);
                return;
            }
            EffectivePolicyView view = api.read(answer, EffectivePolicyView.class);
            field(out, "agent", view.agentId() + " (" + view.unit() + ", " + view.role() + ")");
            if (view.policy() == null) {
                field(out, "effective", "none: nothing is assigned to its unit or above; it keeps its local policy");
            } else {
                field(out, "effective", view.policy() + " revision " + view.revision() + " (bundle version " + view.version() + ")");
                field(out, "assigned at", "\"" + view.fromUnit() + "\" for " + roleText(view.fromRole()));
            }
            field(out, "running", view.runningVersion() == 0 ? "no bundle from this server"
                    : "version " + view.runningVersion() + (view.runningPolicy() == null ? ""
                    : " (" + view.runningPolicy() + " revision " + view.runningRevision() + ")") + ", reported "
                    + Texts.time(view.reportedAt()));
            field(out, "lagging", view.lagging() ? "yes" : "no");
            if (document && view.document() != null) {
                out.println();
                out.print(view.document());
            }
        }
    }

    @Command(name = "lagging", description = "List agents that do not run their effective policy's revision.")
    static final class Lagging extends ApiCommand {
        @Option(names = "--unit", paramLabel = "UNIT", description = "Only this unit and its sub-units.")
        String unit;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/policy-lagging" + (unit == null ? "" : "?unit=" + URLEncoder.encode(unit, StandardCharsets.UTF_8)));
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<LaggingAgent> agents = api.read(answer, LaggingList.class).agents();
            if (agents.isEmpty()) {
                out.println("Every agent runs its effective policy.");
                return;
            }
            Table table = new Table("AGENT", "UNIT", "ROLE", "CONNECTED", "POLICY", "EFFECTIVE", "RUNNING", "REPORTED");
            for (LaggingAgent agent : agents) {
                table.row(agent.agentId(), agent.unit(), agent.role(), agent.connected() ? "yes" : "no",
                        agent.policy() + " r" + agent.revision(), agent.effectiveVersion(), agent.runningVersion(), Texts.time(agent.reportedAt()));
            }
            table.print(out);
        }
    }

    /** {@code FILE:LINE: field F: reason}, the form editors and CI logs link to the line. */
    static String location(PolicyException e) {
        return e.source() + ":" + e.line() + ": " + (e.field().isEmpty() ? "" : "field " + e.field() + ": ") + e.reason();
    }

    private static String roleText(String role) {
        return role == null ? "every role" : "role " + role;
    }

    private static void field(PrintWriter out, String name, Object value) {
        out.println(String.format(Locale.ROOT, "%-12s %s", name + ":", Texts.orDash(value)));
    }
}
