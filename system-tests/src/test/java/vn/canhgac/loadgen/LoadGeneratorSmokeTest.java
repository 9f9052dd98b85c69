package vn.canhgac.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator end to end at toy size: a real server process per mode, real mutual TLS,
 * every event acknowledged and found in the database. No timing is asserted; speed is what the
 * full-size run prints, not what a test on a shared machine can promise.
 */
class LoadGeneratorSmokeTest {

    private static final int AGENTS = 20;
    private static final int EVENTS_PER_AGENT = 500;
    private static final int BATCH = 100;

    @TempDir
    Path directory;

    @Test
    void everyEventOfEveryAgentIsAcknowledgedAndStoredInBothModes() throws Exception {
        // C1 and one GC thread: these server JVMs live a few seconds, and C2 would only compete with the test for CPU.
        LoadSettings settings = new LoadSettings(AGENTS, EVENTS_PER_AGENT, BATCH, 4, 0, 8, List.of(TlsMode.HYBRID, TlsMode.CLASSICAL),
                "256m", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), directory, Duration.ofMinutes(2), false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<RunReport> reports = new LoadGenerator(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertEquals(List.of(TlsMode.HYBRID, TlsMode.CLASSICAL), reports.stream().map(RunReport::mode).toList());
        for (RunReport report : reports) {
            assertEquals(Optional.empty(), report.firstProblem(), report.mode() + ": no connection ran into trouble");
            assertEquals(AGENTS, report.connect().attempted());
            assertEquals(AGENTS, report.connect().accepted());
            assertEquals(AGENTS, report.held());
            assertEquals(0, report.handshakeFailures());
            long events = (long) AGENTS * EVENTS_PER_AGENT;
            assertEquals(events, report.eventsRequested());
            assertEquals(events, report.eventsSent());
            assertEquals(events, report.eventsAcknowledged());
            assertEquals(events, report.eventsStored(), "what was acknowledged is in the database, exactly once");
            assertEquals((long) AGENTS * (EVENTS_PER_AGENT / BATCH), report.latency().batches(), "one latency sample per batch");
            assertTrue(report.latency().p50() <= report.latency().p90() && report.latency().p90() <= report.latency().p99()
                    && report.latency().p99() <= report.latency().max(), "percentiles are ordered: " + report.latency());
            assertTrue(report.eventsPerSecond() > 0 && !report.streaming().isZero());
            assertTrue(report.server().peakMib() >= report.server().endRssMib() && report.server().endRssMib() > 0,
                    "peak RSS is at least the RSS at the end: " + report.server());
            assertTrue(report.complete());
        }
        assertEquals(Map.of("X25519MLKEM768", (long) AGENTS), reports.get(0).negotiatedGroups());
        assertEquals(Map.of("x25519", (long) AGENTS), reports.get(1).negotiatedGroups());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("events acknowledged per second") && output.contains("ack latency p99"), output);
    }
}
