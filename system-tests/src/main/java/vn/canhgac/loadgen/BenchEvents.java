package vn.canhgac.loadgen;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.EventBatch;
import vn.canhgac.protocol.v1.Severity;

/** The events simulated agents send: valid by the server's rules, about the size of a real USB or software event. */
final class BenchEvents {

    static final String TYPE = "bench.event";

    private BenchEvents() {}

    /** {@code count} events numbered from {@code firstSequence}. */
    static EventBatch batch(long firstSequence, int count, long occurredAtEpochMs) {
        EventBatch.Builder batch = EventBatch.newBuilder();
        for (long sequence = firstSequence; sequence < firstSequence + count; sequence++) {
            batch.addEvents(event(sequence, occurredAtEpochMs));
        }
        return batch.build();
    }

    /** About 150 bytes of JSON, the size of a typical USB or software event's details. */
    static Event event(long sequence, long occurredAtEpochMs) {
        String payload = "{\"bench\":true,\"sequence\":" + sequence + ",\"device\":{\"vendorId\":\"0781\",\"productId\":\"5581\","
                + "\"serial\":\"4C530001" + (sequence % 100_000) + "\"},\"path\":\"/media/usb0/bao-cao-" + sequence + ".docx\"}";
        return Event.newBuilder()
                .setSequence(sequence)
                .setOccurredAtEpochMs(occurredAtEpochMs)
                .setType(TYPE)
                .setSeverity(Severity.SEVERITY_INFO)
                .setPayloadJson(ByteString.copyFrom(payload, StandardCharsets.UTF_8))
                .build();
    }
}
