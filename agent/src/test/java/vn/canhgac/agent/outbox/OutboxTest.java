package vn.canhgac.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.FakeClock;
import vn.canhgac.agent.outbox.Outbox.AppendResult;
import vn.canhgac.protocol.FrameLimits;

class OutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00.123456789Z");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(T0);

    private Path file() {
        return dir.resolve("outbox.db");
    }

    private Outbox open(long capacity) {
        return Outbox.open(file(), capacity, clock);
    }

    private static long stored(AppendResult result) {
        return assertInstanceOf(AppendResult.Stored.class, result).sequence();
    }

    @Test
    void appendAssignsStrictlyIncreasingSequencesStartingAtOne() {
        try (Outbox outbox = open(100)) {
            assertEquals(1, stored(outbox.append("usb.connected", 2, "{}")));
            assertEquals(2, stored(outbox.append("usb.connected", 2, "{}")));
            assertEquals(3, stored(outbox.append("software.detected", 3, "{\"name\":\"x\"}")));
            assertEquals(3, outbox.lastSequence());
            assertEquals(3, outbox.size());
        }
    }

    @Test
    void appendStampsTheClockInstantAndKeepsEveryField() {
        try (Outbox outbox = open(100)) {
            outbox.append("usb.connected", 2, "{\"vendor\":\"0781\"}");
            clock.advance(Duration.ofSeconds(5));
            outbox.append("agent.started", 1, "{\"tên\":\"Máy tính MẬT\"}");

            List<OutboxEvent> events = outbox.peek(0, 10);
            assertEquals(List.of(
                    new OutboxEvent(1, T0, "usb.connected", 2, "{\"vendor\":\"0781\"}"),
                    new OutboxEvent(2, T0.plusSeconds(5), "agent.started", 1,
                            "{\"tên\":\"Máy tính MẬT\"}")),
                    events);
        }
    }

    @Test
    void peekReturnsOnlyEventsAfterTheGivenSequenceOldestFirstUpToTheLimit() {
        try (Outbox outbox = open(100)) {
            for (int i = 0; i < 6; i++) {
                outbox.append("e", 1, "{\"i\":" + i + "}");
            }
            assertEquals(List.of(3L, 4L), sequences(outbox.peek(2, 2)));
            assertEquals(List.of(6L), sequences(outbox.peek(5, 100)));
            assertEquals(List.of(), outbox.peek(6, 100));
            assertEquals(6, outbox.size(), "peek removes nothing");
        }
    }

    @Test
    void acknowledgeDeletesUpToAndIncludingTheSequenceAndIsIdempotent() {
        try (Outbox outbox = open(100)) {
            for (int i = 0; i < 5; i++) {
                outbox.append("e", 1, "{}");
            }
            assertEquals(3, outbox.acknowledge(3));
            assertEquals(0, outbox.acknowledge(3));
            assertEquals(List.of(4L, 5L), sequences(outbox.peek(0, 100)));
            assertEquals(0, outbox.acknowledge(-1));
            assertEquals(2, outbox.acknowledge(Long.MAX_VALUE));
            assertEquals(0, outbox.size());
        }
    }

    @Test
    void sequenceIsNeverReusedAfterAcknowledgeAndReopen() {
        try (Outbox outbox = open(100)) {
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");
            outbox.acknowledge(3);
        }
        try (Outbox reopened = open(100)) {
            assertEquals(0, reopened.size());
            assertEquals(3, reopened.lastSequence());
            assertEquals(4, stored(reopened.append("e", 1, "{}")));
        }
    }

    @Test
    void eventsSurviveCloseAndReopen() {
        List<OutboxEvent> before;
        try (Outbox outbox = open(100)) {
            outbox.append("usb.connected", 4, "{\"serial\":\"AA11\"}");
            clock.advance(Duration.ofMillis(1));
            outbox.append("usb.blocked", 5, "{\"serial\":\"AA11\"}");
            before = outbox.peek(0, 10);
        }
        try (Outbox reopened = Outbox.open(file(), 100, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
            assertEquals(before, reopened.peek(0, 10));
        }
    }

    @Test
    void fileUsesWriteAheadLoggingWithFullSync() {
        try (Outbox outbox = open(100)) {
            assertEquals("wal", outbox.pragma("journal_mode"));
            assertEquals("2", outbox.pragma("synchronous"), "2 is FULL");
            assertEquals(String.valueOf(Outbox.BUSY_TIMEOUT_MILLIS), outbox.pragma("busy_timeout"));
        }
    }

    @Test
    void stateRowEditedByHandIsCorrectedOnOpen() throws Exception {
        try (Outbox outbox = open(100)) {
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            statement.execute("UPDATE outbox_state SET event_count = 0, last_sequence = 1");
        }

        try (Outbox reopened = open(100)) {
            assertEquals(3, reopened.size());
            assertEquals(4, stored(reopened.append("e", 1, "{}")), "no sequence still in the table");
        }
    }

    @Test
    void writeLockIsNotHeldBetweenCalls() throws Exception {
        try (Outbox outbox = open(100);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            outbox.append("e", 1, "{}");
            outbox.acknowledge(1);
            outbox.peek(0, 10);

            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void fullOutboxDropsNewEventsAndCountsThem() {
        try (Outbox outbox = open(10)) {
            List<AppendResult> results = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                results.add(outbox.append("e", 1, "{\"i\":" + i + "}"));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(new AppendResult.Stored(i + 1), results.get(i));
            }
            for (int i = 10; i < 15; i++) {
                assertEquals(new AppendResult.Dropped(i - 9), results.get(i));
            }
            assertEquals(10, outbox.size());
            assertEquals(5, outbox.droppedTotal());
            assertEquals(10, outbox.lastSequence(), "a dropped event consumes no sequence");
            assertEquals("{\"i\":9}", outbox.peek(9, 1).getFirst().payloadJson(),
                    "the oldest events are kept, the newest dropped");
        }
    }

    @Test
    void acknowledgeAfterDropsAppendsOneDropReport() throws Exception {
        try (Outbox outbox = open(10)) {
            for (int i = 0; i < 15; i++) {
                outbox.append("e", 1, "{}");
            }
            clock.advance(Duration.ofMinutes(1));

            assertEquals(10, outbox.acknowledge(10));

            List<OutboxEvent> remaining = outbox.peek(0, 100);
            assertEquals(1, remaining.size());
            OutboxEvent report = remaining.getFirst();
            assertEquals(11, report.sequence());
            assertEquals(Outbox.DROPPED_EVENT_TYPE, report.type());
            assertEquals("agent.outbox.dropped", report.type());
            assertEquals(4, report.severity());
            assertEquals(T0.plusSeconds(60), report.occurredAt());
            JsonNode payload = JSON.readTree(report.payloadJson());
            assertEquals(5, payload.get("droppedSinceLastReport").asLong());
            assertEquals(5, payload.get("droppedTotal").asLong());
            assertEquals(10, payload.get("capacity").asLong());
        }
    }

    @Test
    void dropCountersSurviveReopenAndDropsAreNotReportedTwice() throws Exception {
        try (Outbox outbox = open(10)) {
            for (int i = 0; i < 15; i++) {
                outbox.append("e", 1, "{}");
            }
        }
        try (Outbox reopened = open(10)) {
            assertEquals(5, reopened.droppedTotal(), "dropped counter persisted");
            reopened.acknowledge(10);
            assertEquals(List.of(Outbox.DROPPED_EVENT_TYPE), types(reopened.peek(0, 100)));
        }
        try (Outbox again = open(10)) {
            assertEquals(5, again.droppedTotal());
            assertEquals(1, again.acknowledge(11));
            assertEquals(0, again.size(), "the same drops are not reported after a restart");

            for (int i = 0; i < 13; i++) {
                again.append("e", 1, "{}");
            }
            again.acknowledge(12);
            List<OutboxEvent> remaining = again.peek(0, 100);
            OutboxEvent report = remaining.getLast();
            assertEquals(Outbox.DROPPED_EVENT_TYPE, report.type());
            JsonNode payload = JSON.readTree(report.payloadJson());
            assertEquals(3, payload.get("droppedSinceLastReport").asLong());
            assertEquals(8, payload.get("droppedTotal").asLong());
        }
    }

    @Test
    void acknowledgeThatFreesNothingDoesNotReportDrops() {
        try (Outbox outbox = open(2)) {
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");
            outbox.append("e", 1, "{}");

            assertEquals(0, outbox.acknowledge(0));

            assertEquals(List.of("e", "e"), types(outbox.peek(0, 100)));
            assertEquals(1, outbox.droppedTotal());
        }
    }

    @Test
    void dropReportIsAppendedEvenWhenItTakesASlotOverCapacity() {
        try (Outbox outbox = open(10)) {
            for (int i = 0; i < 12; i++) {
                outbox.append("e", 1, "{}");
            }
        }
        // Restarted with a smaller capacity: freeing one slot still leaves the outbox over it.
        try (Outbox smaller = open(3)) {
            assertEquals(1, smaller.acknowledge(1));
            assertEquals(10, smaller.size());
            assertEquals(Outbox.DROPPED_EVENT_TYPE, smaller.peek(0, 100).getLast().type());
            assertInstanceOf(AppendResult.Dropped.class, smaller.append("e", 1, "{}"));
        }
    }

    @Test
    void appendFromSeveralThreadsLosesNothingAndRepeatsNoSequence() throws Exception {
        int threads = 4;
        int perThread = 40;
        try (Outbox outbox = open(10_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                List<Future<List<Long>>> appenders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    appenders.add(pool.submit(() -> {
                        List<Long> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            mine.add(stored(outbox.append("e", 1, "{\"t\":" + thread + "}")));
                        }
                        return mine;
                    }));
                }
                // The channel acknowledges while collectors append.
                Future<Integer> channel = pool.submit(() -> {
                    int acknowledged = 0;
                    for (int i = 0; i < 20; i++) {
                        List<OutboxEvent> batch = outbox.peek(0, 10);
                        if (!batch.isEmpty()) {
                            acknowledged += outbox.acknowledge(batch.getLast().sequence());
                        }
                    }
                    return acknowledged;
                });
                TreeSet<Long> all = new TreeSet<>();
                for (Future<List<Long>> appender : appenders) {
                    List<Long> mine = appender.get(60, TimeUnit.SECONDS);
                    assertEquals(mine.stream().sorted().toList(), mine,
                            "one thread sees its own sequences increase");
                    all.addAll(mine);
                }
                int acknowledged = channel.get(60, TimeUnit.SECONDS);

                assertEquals(threads * perThread, all.size(), "no sequence handed out twice");
                assertEquals(1L, all.first());
                assertEquals((long) threads * perThread, all.last());
                assertEquals(threads * perThread, acknowledged + outbox.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void corruptFileIsRefusedWithAClearErrorAndLeftByteForByte() throws Exception {
        byte[] garbage = new byte[16 * 1024];
        new SplittableRandom(117).nextBytes(garbage);
        Files.write(file(), garbage);

        OutboxException e = assertThrows(OutboxException.class, () -> open(100));

        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable SQLite database"), e.getMessage());
        assertTrue(e.getMessage().contains("Move it aside"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file()));
        assertFalse(Files.exists(dir.resolve("outbox.db-wal")), "no log created beside it");
    }

    @Test
    void foreignSqliteDatabaseIsRefusedAndLeftByteForByte() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)");
            statement.execute("INSERT INTO invoices VALUES (1, 42)");
        }
        byte[] before = Files.readAllBytes(file());

        OutboxException e = assertThrows(OutboxException.class, () -> open(100));

        assertTrue(e.getMessage().contains("not a Canh Gác outbox"), e.getMessage());
        assertTrue(e.getMessage().contains("invoices"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void outboxWrittenByANewerAgentIsRefused() throws Exception {
        open(100).close();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            statement.execute("PRAGMA user_version = " + (Outbox.SCHEMA_VERSION + 1));
        }

        OutboxException e = assertThrows(OutboxException.class, () -> open(100));

        assertTrue(e.getMessage().contains("newer agent"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamedInTheError() {
        Path missing = dir.resolve("no-such-dir").resolve("outbox.db");

        OutboxException e = assertThrows(OutboxException.class,
                () -> Outbox.open(missing, 100, clock));

        assertTrue(e.getMessage().contains(missing.getParent() + " does not exist"), e.getMessage());
        assertFalse(Files.exists(missing.getParent()));
    }

    @Test
    void directoryGivenAsTheFileIsRefused() {
        OutboxException e = assertThrows(OutboxException.class,
                () -> Outbox.open(dir, 100, clock));

        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void invalidEventsAreRefusedWithoutConsumingASequence() {
        try (Outbox outbox = open(100)) {
            IllegalArgumentException severity = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append("e", 6, "{}"));
            assertTrue(severity.getMessage().contains("severity must be 0..5 (got 6)"));
            assertThrows(IllegalArgumentException.class, () -> outbox.append("e", -1, "{}"));
            assertThrows(IllegalArgumentException.class, () -> outbox.append(" ", 1, "{}"));

            IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append("e", 1, "{\"a\":"));
            assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
            IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append("e", 1, "[1,2]"));
            assertTrue(notObject.getMessage().contains("must be a JSON object (got array)"),
                    notObject.getMessage());
            assertThrows(IllegalArgumentException.class, () -> outbox.append("e", 1, "{} {}"));
            assertThrows(IllegalArgumentException.class, () -> outbox.append("e", 1, ""));

            String tooBig = "{\"x\":\"" + "a".repeat(FrameLimits.MAX_EVENT_PAYLOAD_BYTES) + "\"}";
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append("e", 1, tooBig));
            assertTrue(big.getMessage().contains("more than the " + FrameLimits.MAX_EVENT_PAYLOAD_BYTES),
                    big.getMessage());

            assertEquals(0, outbox.size());
            assertEquals(1, stored(outbox.append("e", 0, "{}")));
        }
    }

    @Test
    void nonPositiveCapacityIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(0));
        assertEquals("outbox capacity must be positive (got 0)", e.getMessage());
        assertFalse(Files.exists(file()));
    }

    @Test
    void closedOutboxRefusesUseAndCloseIsIdempotent() {
        Outbox outbox = open(100);
        outbox.close();
        outbox.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> outbox.append("e", 1, "{}"));
        assertTrue(e.getMessage().contains(file() + " is closed"), e.getMessage());
    }

    private static List<Long> sequences(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::sequence).toList();
    }

    private static List<String> types(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::type).toList();
    }
}
