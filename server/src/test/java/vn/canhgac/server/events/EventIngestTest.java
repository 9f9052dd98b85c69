package vn.canhgac.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.TestUnits;

class EventIngestTest {

    @TempDir
    Path directory;

    private static AgentBatch batch(String agent, long from, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (long sequence = from; sequence < from + count; sequence++) {
            events.add(new NewEvent(sequence, Instant.now(), "test.event", 1, "{\"n\":" + sequence + "}"));
        }
        return new AgentBatch(agent, events);
    }

    /** The store takes events only from enrolled agents. */
    private static SqliteDatabase databaseWithAgents(Path file, String... agentIds) {
        SqliteDatabase database = SqliteDatabase.open(file);
        TestUnits.add(database.units(), TestUnits.SO_NOI_VU);
        for (int i = 0; i < agentIds.length; i++) {
            database.agents().insert(AgentRecord.enrolled(agentIds[i], "Sở Nội vụ", "internal-workstation", Integer.toHexString(i + 1),
                    Instant.now().plusSeconds(3600), Instant.now()));
        }
        return database;
    }

    @Test
    void eachBatchCompletesWithTheAgentsHighestStoredSequenceAfterCommit() throws Exception {
        try (SqliteDatabase database = databaseWithAgents(directory.resolve("server.db"), "agent-a", "agent-b");
             EventIngest ingest = new EventIngest(database.events(), Clock.systemUTC(), 100_000)) {
            List<CompletableFuture<Long>> a = new ArrayList<>();
            List<CompletableFuture<Long>> b = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                a.add(ingest.submit(batch("agent-a", 1 + i * 100L, 100)));
                b.add(ingest.submit(batch("agent-b", 1 + i * 10L, 10)));
            }
            assertEquals(5_000L, a.getLast().get(10, TimeUnit.SECONDS));
            assertEquals(500L, b.getLast().get(10, TimeUnit.SECONDS));
            assertEquals(5_000L, database.events().count(Optional.of("agent-a")));
            assertEquals(5_500L, ingest.storedEvents());
            assertTrue(ingest.transactions() <= 100, "batches waiting together share a transaction");
        }
    }

    @Test
    void resentBatchIsStoredOnceAndStillAcknowledged() throws Exception {
        try (SqliteDatabase database = databaseWithAgents(directory.resolve("server.db"), "agent-a");
             EventIngest ingest = new EventIngest(database.events(), Clock.systemUTC(), 100_000)) {
            assertEquals(10L, ingest.submit(batch("agent-a", 1, 10)).get(10, TimeUnit.SECONDS));
            assertEquals(10L, ingest.submit(batch("agent-a", 1, 10)).get(10, TimeUnit.SECONDS));
            assertEquals(10L, database.events().count(Optional.of("agent-a")));
        }
    }

    @Test
    void storeFailureFailsTheBatchesAndKeepsTheWriterGoing() throws Exception {
        EventStore store = mock(EventStore.class);
        when(store.storeBatches(any(), any())).thenThrow(new StoreException("disk full")).thenReturn(Map.of("agent-a", 5L));
        try (EventIngest ingest = new EventIngest(store, Clock.systemUTC(), 100)) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> ingest.submit(batch("agent-a", 1, 5)).get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("disk full"));
            assertEquals(5L, ingest.submit(batch("agent-a", 1, 5)).get(10, TimeUnit.SECONDS));
            assertEquals(0, ingest.queuedEvents());
        }
    }

    @Test
    void overloadIsSignalledAboveTheWatermarkAndResumeRunsOnceDrained() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventStore store = mock(EventStore.class);
        doAnswer(call -> {
            release.await(10, TimeUnit.SECONDS);
            return Map.of("agent-a", 1L);
        }).when(store).storeBatches(any(), any());
        try (EventIngest ingest = new EventIngest(store, Clock.systemUTC(), 20)) {
            ingest.submit(batch("agent-a", 1, 10));
            ingest.submit(batch("agent-a", 11, 10));
            ingest.submit(batch("agent-a", 21, 10));
            assertTrue(ingest.overloaded());
            CountDownLatch resumed = new CountDownLatch(1);
            ingest.whenDrained(resumed::countDown);
            assertFalse(resumed.await(100, TimeUnit.MILLISECONDS), "no resume while the store is stuck");
            release.countDown();
            assertTrue(resumed.await(10, TimeUnit.SECONDS));
            assertFalse(ingest.overloaded());
        }
    }
}
