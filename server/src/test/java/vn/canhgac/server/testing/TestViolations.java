package vn.canhgac.server.testing;

import java.time.Duration;
import java.time.Instant;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.NewEvent;

/** Enrolled agents and violation events shaped like the agent's own payloads, for incident and retention tests. */
public final class TestViolations {
    private TestViolations() {}

    public static void enroll(AgentStore agents, String id, String unit) {
        agents.insert(AgentRecord.enrolled(id, unit, "internal-workstation", Integer.toHexString(id.hashCode() & 0xffffff),
                FakeClock.DEFAULT_START.plus(Duration.ofDays(365)), FakeClock.DEFAULT_START));
    }

    /** A USB storage device blocked by {@code rule} (e.g. usb.storage=block), severity high. */
    public static NewEvent usb(long sequence, Instant at, String rule, String serial) {
        return new NewEvent(sequence, at, "usb.violation", 4, "{\"busPath\":\"1-2\",\"vendorId\":\"0951\",\"productId\":\"1666\","
                + "\"serial\":\"" + serial + "\",\"kinds\":[\"storage\"],\"verdict\":\"block\",\"rule\":\"" + rule + "\","
                + "\"interfaces\":[{\"rule\":\"nested rules are not the rule\"}],\"action\":\"deauthorize\",\"outcome\":\"done\"}");
    }

    /** A marked document on a connected machine: no rule field; {@code severity} 4 (MẬT) or 5 (TUYỆT MẬT). */
    public static NewEvent document(long sequence, Instant at, int severity, String ref) {
        return new NewEvent(sequence, at, "document.violation", severity, "{\"ref\":\"" + ref + "\",\"role\":\"internet-workstation\","
                + "\"level\":\"MAT\",\"sha256\":\"ab\",\"reason\":\"marked document on an internet-workstation\"}");
    }

    public static NewEvent info(long sequence, Instant at) {
        return new NewEvent(sequence, at, "usb.connected", 1, "{\"rule\":\"usb.allow[0]\"}");
    }
}
