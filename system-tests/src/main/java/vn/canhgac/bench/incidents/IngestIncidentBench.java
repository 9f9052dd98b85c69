package vn.canhgac.bench.incidents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/**
 * What filing violations into incidents costs the ingest path: the same events stored through
 * {@link EventIngest} (group commit, synchronous=FULL) into a fresh SQLite file, with 0 %, 1 %,
 * 10 % and 100 % of them violations spread over a few rules per agent. 0 % is the ingest path
 * without any incident work. Prints events per second; asserts nothing.
 *
 * <p>Usage: {@code bin/canhgac-bench-incidents [EVENTS] [AGENTS]} (defaults 200000 and 100).
 */
public final class IngestIncidentBench {
    private static final int BATCH = 500;
    private static final int RULES_PER_AGENT = 3;

    private IngestIncidentBench() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.printf(Locale.ROOT, "ingest of %,d events from %d agents in batches of %d, group commit, synchronous=FULL%n",
                events, agents, BATCH);
        run("warm-up", 0, events, agents);
        for (double share : new double[] {0.0, 0.01, 0.10, 1.0}) {
            run("", share, events, agents);
        }
    }

    /** One run on a fresh database; the warm-up run only warms the JIT. */
    private static void run(String label, double share, int events, int agents) throws Exception {
        Path dir = Files.createTempDirectory("canhgac-bench-incidents");
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("canhgac.db"), IncidentRules.defaults())) {
            Instant now = Instant.now();
            db.units().insert(new Unit("Bench", Optional.empty(), now));
            for (int a = 0; a < agents; a++) {
                db.agents().insert(AgentRecord.enrolled("agent-" + a, "Bench", "internal-workstation", Integer.toHexString(a + 1),
                        now.plus(Duration.ofDays(365)), now));
            }
            List<AgentBatch> batches = batches(share, events, agents, now);
            long started = System.nanoTime();
            try (EventIngest ingest = new EventIngest(db.events(), Clock.systemUTC(), Long.MAX_VALUE)) {
                List<CompletableFuture<Long>> stored = new ArrayList<>(batches.size());
                for (AgentBatch batch : batches) {
                    stored.add(ingest.submit(batch));
                }
                CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).join();
                double seconds = (System.nanoTime() - started) / 1e9;
                long incidents = db.incidents().list(IncidentQuery.all(IncidentQuery.MAX_LIMIT)).size();
                System.out.printf(Locale.ROOT, "%-8s violations %5.1f %%: %,9.0f events/s (%.2f s, %d transactions, %d incidents)%n",
                        label, share * 100, events / seconds, seconds, ingest.transactions(), incidents);
            }
        } finally {
            try {
                BenchFiles.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    private static List<AgentBatch> batches(double share, int events, int agents, Instant now) {
        List<AgentBatch> batches = new ArrayList<>();
        long[] sequences = new long[agents];
        int every = share == 0 ? 0 : (int) Math.round(1 / share);
        int made = 0;
        while (made < events) {
            int agent = (made / BATCH) % agents;
            List<NewEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH && made < events; i++, made++) {
                long sequence = ++sequences[agent];
                batch.add(every > 0 && made % every == 0
                        ? new NewEvent(sequence, now, "usb.violation", 4, "{\"vendorId\":\"0951\",\"productId\":\"1666\",\"serial\":\"S"
                                + sequence + "\",\"kinds\":[\"storage\"],\"verdict\":\"block\",\"rule\":\"usb.allow-rule-"
                                + (sequence % RULES_PER_AGENT) + "\",\"action\":\"deauthorize\",\"outcome\":\"done\"}")
                        : new NewEvent(sequence, now, "usb.connected", 1, "{\"vendorId\":\"046d\",\"productId\":\"c52b\",\"serial\":\"\","
                                + "\"kinds\":[\"input\"],\"verdict\":\"allow\",\"rule\":\"input-never-blocked\",\"action\":\"none\"}"));
            }
            batches.add(new AgentBatch("agent-" + agent, batch));
        }
        return batches;
    }
}
