package vn.canhgac.server.channel;

import vn.canhgac.protocol.BuildInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.Hello;
import vn.canhgac.protocol.v1.OsFacts;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.protocol.v1.PolicyStatus;
import com.google.protobuf.ByteString;
import vn.canhgac.server.policy.SignedPolicy;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.IssuedBundle;
import vn.canhgac.server.store.NewEvent;

/**
 * The only place where wire messages become the server's own types, with their limits checked:
 * for the channel, and for events imported from signed bundles.
 */
public final class WireConversions {

    private static final int MAX_TYPE_LENGTH = 100;

    private WireConversions() {}

    static AgentFacts facts(Hello hello) {
        OsFacts os = hello.getOs();
        return new AgentFacts(limit(os.getHostname()), limit(os.getOsName()), limit(os.getOsVersion()), limit(os.getKernel()),
                limit(os.getArchitecture()), limit(hello.getAgentVersion()));
    }

    /** Converts a batch, or throws {@link ProtocolViolation} naming the first event at fault. */
    public static List<NewEvent> events(List<Event> events) {
        if (events.size() > FrameLimits.MAX_EVENTS_PER_BATCH) {
            throw new ProtocolViolation("a batch holds at most " + FrameLimits.MAX_EVENTS_PER_BATCH + " events (got " + events.size() + ")");
        }
        return events.stream().map(WireConversions::event).toList();
    }

    private static NewEvent event(Event event) {
        if (event.getSequence() <= 0) {
            throw new ProtocolViolation("event sequence numbers start at 1 (got " + event.getSequence() + ")");
        }
        if (event.getType().isEmpty() || event.getType().length() > MAX_TYPE_LENGTH || !event.getType().matches("[a-z0-9_.-]+")) {
            throw new ProtocolViolation("event " + event.getSequence() + " has an invalid type; types are dotted lower-case names");
        }
        if (event.getPayloadJson().size() > FrameLimits.MAX_EVENT_PAYLOAD_BYTES) {
            throw new ProtocolViolation("event " + event.getSequence() + " payload is over " + FrameLimits.MAX_EVENT_PAYLOAD_BYTES + " bytes");
        }
        if (event.getSeverityValue() < 0 || event.getSeverityValue() > 5) {
            throw new ProtocolViolation("event " + event.getSequence() + " has unknown severity " + event.getSeverityValue());
        }
        if (!event.getPayloadJson().isValidUtf8()) {
            throw new ProtocolViolation("event " + event.getSequence() + " payload is not UTF-8");
        }
        return new NewEvent(event.getSequence(), Instant.ofEpochMilli(event.getOccurredAtEpochMs()), event.getType(),
                event.getSeverityValue(), event.getPayloadJson().toString(StandardCharsets.UTF_8));
    }

    /** The signed bundle as the agent receives it; the fields are exactly those the signatures cover. */
    static PolicyBundle policyBundle(SignedPolicy signed) {
        IssuedBundle bundle = signed.bundle();
        return PolicyBundle.newBuilder()
                .setVersion(bundle.version())
                .setPolicyName(bundle.policy())
                .setRevision(bundle.revision())
                .setIssuedAtEpochMs(bundle.issuedAt().toEpochMilli())
                .setDocument(ByteString.copyFrom(signed.document()))
                .setEd25519Signature(ByteString.copyFrom(bundle.ed25519Signature()))
                .setMlDsa65Signature(ByteString.copyFrom(bundle.mlDsa65Signature()))
                .build();
    }

    /** The agent's reason for refusing a bundle, cut to a length fit for a log line. */
    static String refusalReason(PolicyStatus status) {
        return limit(status.getReason());
    }

    private static String limit(String value) {
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
