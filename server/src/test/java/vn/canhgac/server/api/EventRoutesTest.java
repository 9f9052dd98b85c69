package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.error;
import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.NewEvent;

class EventRoutesTest {
    /** a1 sends sequences 1..5 (usb.connected, one minute apart from T0+1m), a2 sends 1..3 (software.installed). */
    private Instant t0;

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        t0 = api.clock.instant();
        for (String id : List.of("a1", "a2")) {
            api.enrolled(id, "Sở Nội vụ", "internal-workstation", id.equals("a1") ? "1a" : "2a");
        }
        api.database.events().storeBatches(List.of(batch("a1", 5, "usb.connected", 4)), t0);
        api.database.events().storeBatches(List.of(batch("a2", 3, "software.installed", 5)), t0.plusSeconds(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void eventsComeWithParsedPayloadsAndSeverityNames() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events");

        assertEquals(200, response.statusCode());
        JsonNode page = json(response);
        assertEquals(8, page.get("events").size());
        assertTrue(page.get("next").isNull());
        JsonNode first = page.get("events").get(0);
        assertEquals("a1", first.get("agentId").textValue());
        assertEquals("Sở Nội vụ", first.get("unit").textValue(), "every event shows its agent's unit");
        assertEquals("internal-workstation", first.get("role").textValue(), "every event shows its agent's role");
        assertEquals(1, first.get("sequence").longValue());
        assertEquals("usb.connected", first.get("type").textValue());
        assertEquals("high", first.get("severity").textValue());
        assertEquals(t0.plus(Duration.ofMinutes(1)), Instant.parse(first.get("occurredAt").textValue()));
        assertEquals(t0, Instant.parse(first.get("receivedAt").textValue()));
        assertEquals("MẬT", first.get("payload").get("mark").textValue());
        assertEquals("critical", page.get("events").get(5).get("severity").textValue());
    }

    @Test
    void eventsFilterByAgentAndType() throws Exception {
        assertEquals(3, json(api.get("/api/v1/events?agent=a2")).get("events").size());
        assertEquals(5, json(api.get("/api/v1/events?type=usb.connected")).get("events").size());
        assertEquals(0, json(api.get("/api/v1/events?agent=a2&type=usb.connected")).get("events").size());
    }

    @Test
    void violationsTrueKeepsOnlyTheEventsRecordedAsViolations() throws Exception {
        api.database.events().storeBatches(List.of(new AgentBatch("a2", List.of(new NewEvent(4, t0, "usb.violation", 4,
                "{\"rule\":\"usb.storage=block\"}")))), t0.plusSeconds(2));

        JsonNode violations = json(api.get("/api/v1/events?violations=true")).get("events");

        assertEquals(1, violations.size());
        assertEquals("usb.violation", violations.get(0).get("type").textValue());
        assertEquals(9, json(api.get("/api/v1/events?violations=false")).get("events").size());
        assertEquals(400, api.get("/api/v1/events?violations=maybe").statusCode());
    }

    @Test
    void eventsFilterByOccurrenceFromInclusiveUntilExclusive() throws Exception {
        String from = t0.plus(Duration.ofMinutes(2)).toString();
        String until = t0.plus(Duration.ofMinutes(4)).toString();

        JsonNode events = json(api.get("/api/v1/events?agent=a1&from=" + from + "&until=" + until)).get("events");

        assertEquals(List.of(2L, 3L), sequences(events));
    }

    @Test
    void aFullPageNamesTheCursorOfTheNextOne() throws Exception {
        JsonNode first = json(api.get("/api/v1/events?limit=3"));
        long next = first.get("next").longValue();
        assertEquals(first.get("events").get(2).get("id").longValue(), next);

        JsonNode second = json(api.get("/api/v1/events?limit=3&after=" + next));

        assertEquals(3, second.get("events").size());
        assertTrue(second.get("events").get(0).get("id").longValue() > next);
    }

    @Test
    void aLimitAbove1000IsA400NamingLimit() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?limit=1001");

        assertEquals(400, response.statusCode());
        assertEquals("limit must be between 1 and 1000 (got 1001)", error(response));
    }

    @Test
    void aNonNumericAfterIsA400NamingAfter() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?after=last");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("after must be a whole number"), response.body());
    }

    @Test
    void anUnreadableFromIsA400NamingFrom() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?from=yesterday");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("from must be an ISO-8601 instant"), response.body());
    }

    @Test
    void fromAfterUntilIsA400() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?from=2026-11-03T00:00:00Z&until=2026-11-02T00:00:00Z");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).contains("must be before until"), response.body());
    }

    @Test
    void aMisspelledParameterIsA400RatherThanAnUnfilteredAnswer() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?agnet=a1");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("unknown query parameter \"agnet\""), response.body());
    }

    @Test
    void aRepeatedParameterIsA400() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/events?agent=a1&agent=a2");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("agent must be given at most once"), response.body());
    }

    private static AgentBatch batch(String agent, int count, String type, int severity) {
        List<NewEvent> events = new ArrayList<>();
        for (int sequence = 1; sequence <= count; sequence++) {
            events.add(new NewEvent(sequence, FakeStart.T0.plus(Duration.ofMinutes(sequence)), type, severity,
                    "{\"mark\":\"MẬT\",\"sequence\":" + sequence + "}"));
        }
        return new AgentBatch(agent, events);
    }

    private static List<Long> sequences(JsonNode events) {
        List<Long> sequences = new ArrayList<>();
        events.forEach(event -> sequences.add(event.get("sequence").longValue()));
        return sequences;
    }

    private static final class FakeStart {
        static final Instant T0 = vn.canhgac.server.testing.FakeClock.DEFAULT_START;
    }
}
