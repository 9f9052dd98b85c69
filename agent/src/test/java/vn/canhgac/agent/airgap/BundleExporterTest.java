package vn.canhgac.agent.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.TestIdentities;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.protocol.bundle.SignedBundleWriter;
import vn.canhgac.protocol.bundle.SignedBundles;
import vn.canhgac.protocol.bundle.VerifiedBundle;
import vn.canhgac.protocol.v1.Event;

class BundleExporterTest {

    private static final String AGENT = "6b1f8c0e-1111-4222-8333-444455556666";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T08:00:00Z"), ZoneOffset.UTC);
    private static final SignedBundleWriter.Limits THREE_PER_FILE = new SignedBundleWriter.Limits(3, BundleFormat.MAX_BUNDLE_BYTES);

    @TempDir
    static Path keys;
    private static AgentIdentity identity;

    @TempDir
    Path directory;

    @BeforeAll
    static void enrol() throws Exception {
        identity = TestIdentities.enrolled(keys.resolve("state"), AGENT);
    }

    @Test
    void everyEventGoesIntoOneVerifiableBundleAndStaysInTheOutbox() throws Exception {
        try (Outbox outbox = outbox(5)) {
            List<OutboxEvent> before = outbox.peek(0, 100);

            BundleExporter.Result result = exporter(outbox, SignedBundleWriter.Limits.FORMAT_MAXIMUM).export(directory.resolve("usb"), false);

            assertEquals(1, result.files().size());
            assertEquals(5, result.events());
            assertEquals(0, result.pruned());
            VerifiedBundle bundle = SignedBundles.verify(Files.readAllBytes(result.files().getFirst().file()));
            assertEquals(AGENT, bundle.bundle().getAgentId());
            assertEquals(identity.keyMaterial().leaf(), bundle.certificate());
            assertEquals(CLOCK.millis(), bundle.bundle().getCreatedAtEpochMs());
            List<Event> events = bundle.bundle().getEventsList();
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).sequence(), events.get(i).getSequence());
                assertEquals(before.get(i).type(), events.get(i).getType());
                assertEquals(before.get(i).severity(), events.get(i).getSeverityValue());
                assertEquals(before.get(i).occurredAt().toEpochMilli(), events.get(i).getOccurredAtEpochMs());
                assertEquals(before.get(i).payloadJson(), events.get(i).getPayloadJson().toStringUtf8());
            }
            assertEquals(5, outbox.size(), "without --prune the outbox keeps every event");
        }
    }

    @Test
    void aLargeOutboxIsSplitIntoConsecutiveFilesThatEachVerify() throws Exception {
        try (Outbox outbox = outbox(10)) {
            BundleExporter.Result result = exporter(outbox, THREE_PER_FILE).export(directory, false);

            assertEquals(List.of(1L, 4L, 7L, 10L), result.files().stream().map(SignedBundleWriter.Written::firstSequence).toList());
            assertEquals(List.of(3L, 6L, 9L, 10L), result.files().stream().map(SignedBundleWriter.Written::lastSequence).toList());
            for (SignedBundleWriter.Written file : result.files()) {
                VerifiedBundle bundle = SignedBundles.verify(Files.readAllBytes(file.file()));
                assertEquals(LongStream.rangeClosed(file.firstSequence(), file.lastSequence()).boxed().toList(),
                        bundle.bundle().getEventsList().stream().map(Event::getSequence).toList());
                assertTrue(Files.isRegularFile(file.sidecar()));
            }
        }
    }

    @Test
    void pruneDeletesTheExportedEventsAndSequencesContinue() throws Exception {
        try (Outbox outbox = outbox(7)) {
            BundleExporter.Result result = exporter(outbox, THREE_PER_FILE).export(directory, true);

            assertEquals(7, result.pruned());
            assertEquals(0, outbox.size());
            Outbox.AppendResult next = outbox.append("test.event", 1, "{}");
            assertEquals(new Outbox.AppendResult.Stored(8), next);
            BundleExporter.Result again = exporter(outbox, THREE_PER_FILE).export(directory.resolve("second"), true);
            assertEquals(8, again.files().getFirst().firstSequence(), "the next export starts where the pruned one ended");
        }
    }

    @Test
    void theDroppedEventCountTravelsInEveryFile() throws Exception {
        try (Outbox outbox = Outbox.open(directory.resolve("small-outbox.db"), 1, CLOCK)) {
            outbox.append("test.event", 1, "{}");
            outbox.append("test.event", 1, "{}");
            outbox.append("test.event", 1, "{}");

            BundleExporter.Result result = exporter(outbox, THREE_PER_FILE).export(directory.resolve("out"), false);

            assertEquals(2, SignedBundles.verify(Files.readAllBytes(result.files().getFirst().file())).bundle().getDroppedEventsTotal());
        }
    }

    @Test
    void anEmptyOutboxWritesNothing() throws Exception {
        try (Outbox outbox = outbox(0)) {
            BundleExporter.Result result = exporter(outbox, THREE_PER_FILE).export(directory.resolve("usb"), true);

            assertEquals(0, result.files().size());
            try (var files = Files.list(directory.resolve("usb"))) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void anUnwritableDestinationSaysSoAndPrunesNothing() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("usb"), "a file where the drive should be");
        try (Outbox outbox = outbox(4)) {
            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> exporter(outbox, THREE_PER_FILE).export(notADirectory, true));

            assertTrue(error.getMessage().contains("cannot create the export directory " + notADirectory), error.getMessage());
            assertEquals(4, outbox.size());
        }
    }

    private Outbox outbox(int events) {
        Outbox outbox = Outbox.open(directory.resolve("outbox.db"), 1000, CLOCK);
        for (int i = 1; i <= events; i++) {
            outbox.append(i % 2 == 0 ? "usb.connected" : "usb.blocked.violation", i % 6, "{\"n\":" + i + ",\"unit\":\"Sở Nội vụ\"}");
        }
        return outbox;
    }

    private static BundleExporter exporter(Outbox outbox, SignedBundleWriter.Limits limits) {
        return new BundleExporter(outbox, AGENT, identity.keyMaterial().key(), identity.keyMaterial().leaf(), CLOCK, limits);
    }
}
