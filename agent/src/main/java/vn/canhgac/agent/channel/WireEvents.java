package vn.canhgac.agent.channel;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.Severity;

/** Outbox events as the wire carries them: in batches on the channel, and in exported bundles. */
public final class WireEvents {

    private WireEvents() {}

    public static Event toWire(OutboxEvent event) {
        Severity severity = Severity.forNumber(event.severity());
        return Event.newBuilder()
                .setSequence(event.sequence())
                .setOccurredAtEpochMs(event.occurredAt().toEpochMilli())
                .setType(event.type())
                .setSeverity(severity == null ? Severity.SEVERITY_UNSPECIFIED : severity)
                .setPayloadJson(ByteString.copyFrom(event.payloadJson(), StandardCharsets.UTF_8))
                .build();
    }
}
