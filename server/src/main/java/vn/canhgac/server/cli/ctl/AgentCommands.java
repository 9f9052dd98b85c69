package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.server.api.ApiModel.AgentList;
import vn.canhgac.server.api.ApiModel.AgentSummary;
import vn.canhgac.server.api.ApiModel.CommandSent;

/** {@code canhgacctl agent}: enrolled agents. */
@Command(name = "agent", description = "List, show, revoke and move enrolled agents.",
        subcommands = {AgentCommands.List.class, AgentCommands.Show.class, AgentCommands.Revoke.class, AgentCommands.Move.class,
                AgentCommands.ResendInventory.class})
public final class AgentCommands {
    private static final java.util.List<String> STATUSES = java.util.List.of("online", "silent", "revoked");

    @Command(name = "list", description = "List enrolled agents with their status.")
    static final class List extends ApiCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only agents in this status: online, silent or revoked.")
        String status;

        @Override
        void checkOptions() {
            if (status != null && !STATUSES.contains(status)) {
                throw new CtlException("--status must be one of " + String.join(", ", STATUSES) + " (got \"" + status + "\")");
            }
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/agents" + (status == null ? "" : "?status=" + status));
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<AgentSummary> agents = api.read(answer, AgentList.class).agents();
            if (agents.isEmpty()) {
                out.println(status != null ? "No agent of yours is " + status + "."
                        : "No agents are enrolled yet; `canhgacctl token create` makes a token to enrol one.");
                return;
            }
            Table table = new Table("ID", "UNIT", "ROLE", "STATUS", "LAST SEEN", "HOSTNAME", "OS", "VERSION", "POLICY", "BACKLOG");
            for (AgentSummary agent : agents) {
                table.row(agent.id(), agent.unit(), agent.role(), agent.status(), Texts.time(agent.lastSeenAt()), agent.hostname(),
                        agent.os(), agent.agentVersion(), policyVersion(agent), agent.outboxBacklog());
            }
            table.print(out);
        }
    }

    @Command(name = "show", description = "Show one agent in full.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The agent's id, as `canhgacctl agent list` shows it.")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/agents/" + ApiClient.segment(id));
            if (json()) {
                out.println(answer);
                return;
            }
            describe(api.read(answer, AgentSummary.class), out);
        }
    }

    @Command(name = "revoke", description = "Revoke an agent: its certificate is refused from now on and a live connection is closed.")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The agent's id, as `canhgacctl agent list` shows it.")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.post("/api/v1/agents/" + ApiClient.segment(id) + "/revoke", Map.of());
            if (json()) {
                out.println(answer);
                return;
            }
            AgentSummary agent = api.read(answer, AgentSummary.class);
            out.println("Revoked agent " + agent.id() + " at " + Texts.time(agent.revokedAt()) + "; its certificate (serial "
                    + agent.certificateSerial() + ") is refused from now on. To enrol the machine again, create a new token.");
        }
    }

    @Command(name = "move", description = "Move an agent to another unit (within your units); audited.")
    static final class Move extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The agent's id, as `canhgacctl agent list` shows it.")
        String id;

        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "The unit it moves to.")
        String unit;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.post("/api/v1/agents/" + ApiClient.segment(id) + "/move", Map.of("unit", unit));
            if (json()) {
                out.println(answer);
                return;
            }
            out.println("Moved agent " + id + " to \"" + api.read(answer, AgentSummary.class).unit() + "\".");
        }
    }

    @Command(name = "resend-inventory", description = "Ask a connected agent to send its whole software inventory again; audited.")
    static final class ResendInventory extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The agent's id, as `canhgacctl agent list` shows it.")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.post("/api/v1/agents/" + ApiClient.segment(id) + "/resend-inventory", Map.of());
            if (json()) {
                out.println(answer);
                return;
            }
            out.println("Asked agent " + id + " for its whole inventory (command " + api.read(answer, CommandSent.class).commandId()
                    + "); it arrives as events: canhgacctl events list --agent " + id + " --type software.inventory");
        }
    }

    static void describe(AgentSummary agent, PrintWriter out) {
        field(out, "id", agent.id());
        field(out, "unit", agent.unit());
        field(out, "role", agent.role());
        field(out, "status", agent.status() + (agent.connected() ? " (connected)" : " (not connected)"));
        field(out, "last seen", Texts.time(agent.lastSeenAt()));
        field(out, "silent after", agent.silentAfterMinutes() + " min (its role's threshold)");
        field(out, "enrolled", Texts.time(agent.enrolledAt()));
        field(out, "revoked", Texts.time(agent.revokedAt()));
        field(out, "hostname", agent.hostname());
        field(out, "os", agent.os());
        field(out, "kernel", agent.kernel());
        field(out, "architecture", agent.architecture());
        field(out, "agent version", agent.agentVersion());
        field(out, "policy version", policyVersion(agent));
        field(out, "highest sequence", agent.highestSequence());
        field(out, "outbox backlog", agent.outboxBacklog());
        field(out, "dropped events", agent.droppedEventsTotal());
        field(out, "certificate serial", agent.certificateSerial());
        field(out, "certificate expires", Texts.time(agent.certificateNotAfter()));
    }

    /** "-" until the agent reports running a signed bundle, as for the other facts it has not reported. */
    private static Object policyVersion(AgentSummary agent) {
        return agent.policyVersion() == 0 ? null : agent.policyVersion();
    }

    private static void field(PrintWriter out, String name, Object value) {
        out.println(String.format(Locale.ROOT, "%-20s %s", name + ":", Texts.orDash(value)));
    }
}
