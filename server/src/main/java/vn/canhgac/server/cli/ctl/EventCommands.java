package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import vn.canhgac.server.api.ApiModel.EventPage;
import vn.canhgac.server.api.ApiModel.EventSummary;
import vn.canhgac.server.api.DurationText;

/** {@code canhgacctl events}: events the agents sent. */
@Command(name = "events", description = "Read the events agents have sent.",
        subcommands = {EventCommands.List.class})
public final class EventCommands {

    private static final int PAYLOAD_COLUMN = 80;

    @Command(name = "list", description = "List stored events, oldest first, one page at a time (--after continues where a page ended).")
    static final class List extends ApiCommand {
        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's events.")
        String agent;

        @Option(names = "--since", paramLabel = "DURATION|INSTANT",
                description = "Only events that occurred since then: a duration back from now (30m, 1h, 7d) or an ISO-8601 instant.")
        String since;

        @Option(names = "--until", paramLabel = "INSTANT", description = "Only events that occurred before this ISO-8601 instant.")
        String until;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, e.g. usb.connected.")
        String type;

        @Option(names = "--violations", description = "Only violations (events the server records as violations: types ending in .violation).")
        boolean violations;

        @Option(names = "--limit", paramLabel = "N", description = "At most N events (1 to 1000). Default: 100.")
        Integer limit;

        @Option(names = "--after", paramLabel = "EVENT_ID", description = "Only events with a larger id: the next page.")
        Long after;

        private final Map<String, String> query = new LinkedHashMap<>();

        @Override
        void checkOptions() {
            Clock clock = root().clock();
            put("agent", agent);
            if (since != null) {
                put("from", since(since, clock.instant()).toString());
            }
            if (until != null) {
                put("until", instant("--until", until).toString());
            }
            put("type", type);
            put("violations", violations ? "true" : null);
            if (limit != null && (limit < 1 || limit > 1000)) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000 (got " + limit + ")");
            }
            put("limit", limit == null ? null : limit.toString());
            put("after", after == null ? null : after.toString());
        }

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get(ApiClient.withQuery("/api/v1/events", query));
            if (json()) {
                out.println(answer);
                return;
            }
            EventPage page = api.read(answer, EventPage.class);
            if (page.events().isEmpty()) {
                out.println("No events match.");
                return;
            }
            Table table = new Table("ID", "OCCURRED", "AGENT", "SEQ", "SEVERITY", "TYPE", "PAYLOAD");
            for (EventSummary event : page.events()) {
                table.row(event.id(), Texts.time(event.occurredAt()), event.agentId(), event.sequence(), event.severity(), event.type(),
                        Texts.shorten(String.valueOf(event.payload()), PAYLOAD_COLUMN));
            }
            table.print(out);
            if (page.next() != null) {
                out.println("More events may follow: add --after " + page.next() + " for the next page.");
            }
        }

        private void put(String name, String value) {
            if (value != null) {
                query.put(name, value);
            }
        }

        private Instant since(String value, Instant now) {
            try {
                return now.minus(DurationText.parse("--since", value));
            } catch (IllegalArgumentException notDuration) {
                try {
                    return Instant.parse(value.strip());
                } catch (DateTimeParseException notInstant) {
                    throw new ParameterException(spec.commandLine(), "--since must be a duration back from now like 30m, 1h or 7d,"
                            + " or an ISO-8601 instant like 2026-11-02T08:00:00Z (got \"" + value + "\")");
                }
            }
        }

        private Instant instant(String option, String value) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), option + " must be an ISO-8601 instant like 2026-11-02T08:00:00Z (got \""
                        + value + "\")");
            }
        }
    }
}
