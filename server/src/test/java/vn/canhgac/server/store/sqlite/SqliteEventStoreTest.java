package vn.canhgac.server.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.store.sqlite.Fixtures.T0;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.testing.TestUnits;

class SqliteEventStoreTest {
    private static final Instant RECEIVED = T0.plusSeconds(3600);

    @TempDir
    Path dir;

    private SqliteDatabase db;
    private SqliteEventStore events;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
        events = db.events();
        db.agents().insert(Fixtures.agent("a1", "1"));
        db.agents().insert(Fixtures.agent("a2", "2"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void countInSequenceRangeCountsOnlyThatAgentsSequencesInTheRange() {
        events.storeBatches(List.of(Fixtures.batch("a1", 1, 10), Fixtures.batch("a2", 1, 20)), RECEIVED);

        assertEquals(4, events.countInSequenceRange("a1", 3, 6));
        assertEquals(10, events.countInSequenceRange("a1", 1, 1_000));
        assertEquals(0, events.countInSequenceRange("a1", 11, 20));
        assertEquals(10, events.countInSequenceRange("a2", 11, 20));
    }

    @Test
    void storingTheSameBatchTwiceChangesNothing() {
        List<AgentBatch> batch = List.of(Fixtures.batch("a1", 1, 100));
        assertEquals(Map.of("a1", 100L), events.storeBatches(batch, RECEIVED));
        List<StoredEvent> before = events.query(EventQuery.all(1000));

        assertEquals(Map.of("a1", 100L), events.storeBatches(batch, RECEIVED.plusSeconds(1)));

        assertEquals(100, events.count(Optional.of("a1")));
        assertEquals(100, events.countDistinct("a1"));
        assertEquals(100, events.highestSequence("a1"));
        assertEquals(before, events.query(EventQuery.all(1000)));
    }

    @Test
    void aRedeliveredEventKeepsItsFirstContent() {
        events.storeBatches(List.of(new AgentBatch("a1", List.of(new NewEvent(1, T0, "usb.connected", 1, "{\"v\":1}")))), RECEIVED);

        events.storeBatches(List.of(new AgentBatch("a1", List.of(new NewEvent(1, T0, "usb.connected", 1, "{\"v\":2}")))), RECEIVED);

        assertEquals("{\"v\":1}", events.query(EventQuery.all(10)).getFirst().payloadJson());
    }

    @Test
    void overlappingBatchesStoreEachSequenceOnce() {
        events.storeBatches(List.of(Fixtures.batch("a1", 1, 60)), RECEIVED);

        Map<String, Long> highest = events.storeBatches(List.of(Fixtures.batch("a1", 41, 100)), RECEIVED);

        assertEquals(Map.of("a1", 100L), highest);
        assertEquals(100, events.count(Optional.of("a1")));
        assertEquals(100, events.countDistinct("a1"));
    }

    @Test
    void oneCallReturnsTheHighestSequenceOfEachAgentItTouched() {
        Map<String, Long> highest = events.storeBatches(List.of(
                Fixtures.batch("a1", 1, 10), Fixtures.batch("a2", 1, 3), Fixtures.batch("a1", 11, 15)), RECEIVED);

        assertEquals(Map.of("a1", 15L, "a2", 3L), highest);
        assertEquals(18, events.count(Optional.empty()));
    }

    @Test
    void anOlderRedeliveryDoesNotLowerTheHighestSequence() {
        events.storeBatches(List.of(Fixtures.batch("a1", 1, 20)), RECEIVED);

        assertEquals(Map.of("a1", 20L), events.storeBatches(List.of(Fixtures.batch("a1", 5, 8)), RECEIVED));
        assertEquals(20, events.highestSequence("a1"));
    }

    @Test
    void highestSequenceIsZeroForAnAgentWithoutEvents() {
        assertEquals(0, events.highestSequence("a2"));
        assertEquals(0, events.highestSequence("never-enrolled"));
    }

    @Test
    void eventsOfAnUnknownAgentAreRefusedAndNothingFromTheCallIsStored() {
        List<AgentBatch> batches = List.of(Fixtures.batch("a1", 1, 10), Fixtures.batch("ghost", 1, 10));

        StoreException error = assertThrows(StoreException.class, () -> events.storeBatches(batches, RECEIVED));

        assertTrue(error.getMessage().contains("agent ghost: it is not enrolled"), error.getMessage());
        assertEquals(0, events.count(Optional.empty()));
        assertEquals(0, events.highestSequence("a1"));
    }

    @Test
    void violationEventsAreAlsoRecordedAsViolationsOnce() {
        List<AgentBatch> batch = List.of(new AgentBatch("a1", List.of(
                Fixtures.event(1, "usb.connected"),
                Fixtures.event(2, "usb.violation"),
                Fixtures.event(3, "network.internet.violation"),
                Fixtures.event(4, "violation.note"))));

        events.storeBatches(batch, RECEIVED);
        events.storeBatches(batch, RECEIVED);

        assertEquals(2, events.countViolations("a1"));
        assertEquals(0, events.countViolations("a2"));
    }

    @Test
    void storedEventsCarryWhatWasSentAndWhenItWasReceived() {
        NewEvent sent = new NewEvent(7, T0.plusMillis(1234), "software.installed", 3, "{\"name\":\"UltraViewer\"}");

        events.storeBatches(List.of(new AgentBatch("a1", List.of(sent))), RECEIVED);

        StoredEvent stored = events.query(EventQuery.all(10)).getFirst();
        assertEquals(new StoredEvent(stored.id(), "a1", 7, T0.plusMillis(1234), RECEIVED, "software.installed", 3,
                "{\"name\":\"UltraViewer\"}"), stored);
    }

    @Test
    void queryFiltersByAgentTypeAndTimeAndPagesById() {
        events.storeBatches(List.of(Fixtures.batch("a1", 1, 20), Fixtures.batch("a2", 1, 20)), RECEIVED);
        events.storeBatches(List.of(new AgentBatch("a1", List.of(Fixtures.event(21, "usb.violation")))), RECEIVED);

        EventQuery window = new EventQuery(Optional.of("a1"), Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(15)),
                Optional.of("usb.connected"), 0, 4);
        List<StoredEvent> firstPage = events.query(window);
        List<StoredEvent> secondPage = events.query(new EventQuery(window.agentId(), window.from(), window.until(), window.type(),
                firstPage.getLast().id(), 100));

        assertEquals(List.of(5L, 6L, 7L, 8L), firstPage.stream().map(StoredEvent::sequence).toList());
        assertEquals(List.of(9L, 10L, 11L, 12L, 13L, 14L), secondPage.stream().map(StoredEvent::sequence).toList());
        assertTrue(secondPage.stream().allMatch(e -> e.agentId().equals("a1")));
        assertEquals(List.of(21L), events.query(new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("usb.violation"), 0, 10)).stream().map(StoredEvent::sequence).toList());
    }

    @Test
    void queryReturnsAtMostOneThousandEvents() {
        events.storeBatches(List.of(Fixtures.batch("a1", 1, 1500)), RECEIVED);

        List<StoredEvent> page = events.query(EventQuery.all(5000));

        assertEquals(1000, page.size());
        assertEquals(1000, page.getLast().sequence());
    }

    @Test
    void readersNeverSeeAHalfStoredCall() throws Exception {
        int calls = 100;
        int perCall = 200;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < calls; i++) {
                    events.storeBatches(List.of(Fixtures.batch("a1", i * perCall + 1L, (i + 1L) * perCall)), RECEIVED);
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            } finally {
                writing.set(false);
            }
        }, "test-writer");
        writer.start();
        List<Long> observed = new ArrayList<>();
        while (writing.get()) {
            observed.add(events.count(Optional.of("a1")));
        }
        writer.join();

        assertEquals(null, writerFailure.get());
        assertTrue(observed.stream().allMatch(count -> count % perCall == 0), "partial counts seen: " + observed);
        assertEquals((long) calls * perCall, events.count(Optional.of("a1")));
    }

    @Test
    void oneHundredThousandEventsInBatchesOfFiveHundredAreStoredExactlyOnce() {
        String[] agents = {"a1", "a2"};
        int total = 100_000;
        int batchSize = 500;
        long started = System.nanoTime();
        for (int offset = 0; offset < total; offset += batchSize) {
            String agent = agents[(offset / batchSize) % agents.length];
            long first = offset / agents.length / batchSize * batchSize + 1;
            events.storeBatches(List.of(Fixtures.batch(agent, first, first + batchSize - 1)), RECEIVED);
        }
        long elapsedNanos = System.nanoTime() - started;

        assertEquals(total, events.count(Optional.empty()));
        assertEquals(total / 2, events.countDistinct("a1"));
        assertEquals(total / 2, events.highestSequence("a2"));
        // For information only: speed is shown, never asserted, in unit tests.
        System.out.printf("storeBatches: %d events in %d ms = %.0f events/s%n",
                total, elapsedNanos / 1_000_000, total / (elapsedNanos / 1e9));
    }
}
