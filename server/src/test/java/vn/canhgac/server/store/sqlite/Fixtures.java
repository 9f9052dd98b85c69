package vn.canhgac.server.store.sqlite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.testing.FakeClock;

/** Small builders shared by the SQLite store tests. */
final class Fixtures {
    static final Instant T0 = FakeClock.DEFAULT_START;

    private Fixtures() {}

    static EnrollmentToken token(String id, String secretHash) {
        return EnrollmentToken.fresh(id, secretHash, "Sở Nội vụ", "secret-workstation", T0, T0.plus(Duration.ofHours(1)));
    }

    static AgentRecord agent(String id, String serialHex) {
        return AgentRecord.enrolled(id, "Sở Nội vụ", "internal-workstation", serialHex, T0.plus(Duration.ofDays(365)), T0);
    }

    static AgentRecord withHighestSequence(AgentRecord a, long highestSequence) {
        return new AgentRecord(a.id(), a.unit(), a.role(), a.certificateSerial(), a.certificateNotAfter(), a.enrolledAt(),
                a.lastSeenAt(), a.facts(), a.revokedAt(), highestSequence, a.droppedEventsTotal(), a.outboxBacklog(),
                a.policyVersion());
    }

    /** Events {@code first..last} of one agent, one second apart, all of type {@code usb.connected}. */
    static AgentBatch batch(String agentId, long first, long last) {
        List<NewEvent> events = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            events.add(event(sequence, "usb.connected"));
        }
        return new AgentBatch(agentId, events);
    }

    static NewEvent event(long sequence, String type) {
        return new NewEvent(sequence, T0.plusSeconds(sequence), type, 1, "{\"sequence\":" + sequence + "}");
    }
}
