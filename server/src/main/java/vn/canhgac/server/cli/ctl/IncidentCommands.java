package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import vn.canhgac.server.api.ApiModel.EventSummary;
import vn.canhgac.server.api.ApiModel.IncidentDetails;
import vn.canhgac.server.api.ApiModel.IncidentNoteView;
import vn.canhgac.server.api.ApiModel.IncidentPage;
import vn.canhgac.server.api.ApiModel.IncidentSummary;

/** {@code canhgacctl incident}: incidents raised from agents' violations, and what staff do with them. */
@Command(name = "incident", description = "List, show and handle incidents: violations of one rule on one agent.",
        subcommands = {IncidentCommands.List.class, IncidentCommands.Show.class, IncidentCommands.Ack.class, IncidentCommands.Assign.class,
                IncidentCommands.Resolve.class, IncidentCommands.FalsePositive.class, IncidentCommands.Note.class})
public final class IncidentCommands {

    private static final int PAYLOAD_COLUMN = 100;

    @Command(name = "list", description = "List incidents of your units, oldest first, one page at a time (--after continues).")
    static final class List extends ApiCommand {
        @Option(names = "--unit", paramLabel = "UNIT", description = "Only incidents of this unit and its sub-units.")
        String unit;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status: open, acknowledged, resolved, false-positive.")
        String status;

        @Option(names = "--overdue", description = "Only open or acknowledged incidents past their reporting deadline.")
        boolean overdue;

        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's incidents.")
        String agent;

        @Option(names = "--limit", paramLabel = "N", description = "At most N incidents (1 to 1000). Default: 100.")
        Integer limit;

        @Option(names = "--after", paramLabel = "INCIDENT_ID", description = "Only incidents with a larger id: the next page.")
        Long after;

        @Override
        void checkOptions() {
            if (limit != null && (limit < 1 || limit > 1000)) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000 (got " + limit + ")");
            }
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "unit", unit);
            put(query, "status", status);
            put(query, "overdue", overdue ? "true" : null);
            put(query, "agent", agent);
            put(query, "limit", limit == null ? null : limit.toString());
            put(query, "after", after == null ? null : after.toString());
            String answer = api.get(ApiClient.withQuery("/api/v1/incidents", query));
            if (json()) {
                out.println(answer);
                return;
            }
            IncidentPage page = api.read(answer, IncidentPage.class);
            if (page.incidents().isEmpty()) {
                out.println("No incidents match.");
                return;
            }
            Table table = new Table("ID", "STATUS", "DEADLINE", "AGENT", "UNIT", "RULE", "SEVERITY", "COUNT", "LAST SEEN", "OWNER");
            for (IncidentSummary incident : page.incidents()) {
                table.row(incident.id(), incident.status(), Texts.time(incident.deadlineAt()) + (incident.overdue() ? " OVERDUE" : ""),
                        incident.agentId(), incident.unit(), incident.rule(), incident.highestSeverity(), incident.violationCount(),
                        Texts.time(incident.lastSeenAt()), incident.owner());
            }
            table.print(out);
            if (page.next() != null) {
                out.println("More incidents may follow: add --after " + page.next() + " for the next page.");
            }
        }

        private static void put(Map<String, String> query, String name, String value) {
            if (value != null) {
                query.put(name, value);
            }
        }
    }

    @Command(name = "show", description = "Show one incident with its notes and its newest violations (the evidence).")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The incident's id, as `canhgacctl incident list` shows it.")
        String id;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get(path(id, ""));
            if (json()) {
                out.println(answer);
                return;
            }
            IncidentDetails details = api.read(answer, IncidentDetails.class);
            describe(details.incident(), out);
            out.println();
            if (details.notes().isEmpty()) {
                out.println("Notes: none.");
            } else {
                out.println("Notes:");
                for (IncidentNoteView note : details.notes()) {
                    out.println("  " + note.seq() + ". " + Texts.time(note.at()) + " " + note.author() + ": " + note.text());
                }
            }
            out.println();
            if (details.violations().isEmpty()) {
                out.println("Violations: none stored (purged by retention after the incident closed).");
                return;
            }
            out.println("Violations (newest " + details.violations().size() + " of " + details.incident().violationCount() + "):");
            Table table = new Table("EVENT", "OCCURRED", "SEQ", "SEVERITY", "TYPE", "EVIDENCE");
            for (EventSummary event : details.violations()) {
                table.row(event.id(), Texts.time(event.occurredAt()), event.sequence(), event.severity(), event.type(),
                        Texts.shorten(String.valueOf(event.payload()), PAYLOAD_COLUMN));
            }
            table.print(out);
        }
    }

    /** A change to one incident, answered with the incident as it is after. */
    abstract static class Change extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The incident's id, as `canhgacctl incident list` shows it.")
        String id;

        /** The path after the incident's, e.g. {@code /resolve}. */
        abstract String action();

        abstract Map<String, String> body();

        @Override
        final void run(ApiClient api, PrintWriter out) {
            String answer = api.post(path(id, action()), body());
            if (json()) {
                out.println(answer);
                return;
            }
            IncidentSummary incident = api.read(answer, IncidentSummary.class);
            out.println("Incident " + incident.id() + " is now " + incident.status()
                    + (incident.owner() != null ? ", owner " + incident.owner() : "") + ".");
        }
    }

    @Command(name = "ack", description = "Acknowledge an open incident: someone is on it. The deadline still runs.")
    static final class Ack extends Change {
        @Override
        String action() {
            return "/acknowledge";
        }

        @Override
        Map<String, String> body() {
            return Map.of();
        }

    }

    @Command(name = "assign", description = "Give an open or acknowledged incident to an admin or security officer who sees its unit.")
    static final class Assign extends Change {
        @Option(names = "--owner", required = true, paramLabel = "USER", description = "The account that handles it.")
        String owner;

        @Override
        String action() {
            return "/assign";
        }

        @Override
        Map<String, String> body() {
            return Map.of("owner", owner);
        }

    }

    @Command(name = "resolve", description = "Close an incident as dealt with; the note says how.")
    static final class Resolve extends Change {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "How it was resolved.")
        String note;

        @Override
        String action() {
            return "/resolve";
        }

        @Override
        Map<String, String> body() {
            return Map.of("note", note);
        }

    }

    @Command(name = "false-positive", description = "Close an incident as not a real violation; the note says why.")
    static final class FalsePositive extends Change {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why it is a false positive.")
        String note;

        @Override
        String action() {
            return "/false-positive";
        }

        @Override
        Map<String, String> body() {
            return Map.of("note", note);
        }

    }

    @Command(name = "note", description = "Add a note to an incident (notes are never changed or deleted).")
    static final class Note extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The incident's id.")
        String id;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The note.")
        String text;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.post(path(id, "/notes"), Map.of("text", text));
            if (json()) {
                out.println(answer);
                return;
            }
            out.println("Added note " + api.read(answer, IncidentNoteView.class).seq() + " to incident " + id + ".");
        }
    }

    private static String path(String id, String action) {
        return "/api/v1/incidents/" + ApiClient.segment(id) + action;
    }

    static void describe(IncidentSummary incident, PrintWriter out) {
        field(out, "id", incident.id());
        field(out, "status", incident.status() + (incident.overdue() ? " (OVERDUE)" : ""));
        field(out, "agent", incident.agentId());
        field(out, "unit", incident.unit());
        field(out, "rule", incident.rule());
        field(out, "type", incident.type());
        field(out, "highest severity", incident.highestSeverity());
        field(out, "violations", incident.violationCount());
        field(out, "first seen", Texts.time(incident.firstSeenAt()));
        field(out, "last seen", Texts.time(incident.lastSeenAt()));
        field(out, "raised", Texts.time(incident.createdAt()));
        field(out, "report by", Texts.time(incident.deadlineAt()));
        field(out, "closed", Texts.time(incident.resolvedAt()));
        field(out, "owner", incident.owner());
    }

    private static void field(PrintWriter out, String name, Object value) {
        out.println(String.format(Locale.ROOT, "%-18s %s", name + ":", Texts.orDash(value)));
    }
}
