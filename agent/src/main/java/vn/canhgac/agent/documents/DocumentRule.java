package vn.canhgac.agent.documents;

import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.protocol.policy.Roles;

/**
 * The rule of issue 5: a document bearing a classification stamp must not sit on a machine that
 * can reach the Internet. It is a violation when the machine's connectivity verdict is Internet,
 * or when its role is {@code internet-workstation} (whatever the verdict: that role is by
 * definition connected); never when the document also bears "GIẢI MẬT". Pure.
 */
public final class DocumentRule {

    private DocumentRule() {}

    public static boolean isViolation(ReadOutcome.Marked marked, String role, ConnectivityBoard.Snapshot connectivity) {
        if (marked.declassified()) {
            return false;
        }
        return Roles.INTERNET_WORKSTATION.equals(role) || connectivity.verdict() == ConnectivityBoard.Verdict.INTERNET;
    }

    /** HIGH, and CRITICAL for TUYỆT MẬT (the titles of such documents are themselves protected). */
    public static EventSeverity severity(Level level) {
        return level == Level.TUYET_MAT ? EventSeverity.CRITICAL : EventSeverity.HIGH;
    }

    /** Why it is a violation, in an inspector's words. */
    public static String reason(String role, ConnectivityBoard.Snapshot connectivity) {
        return Roles.INTERNET_WORKSTATION.equals(role) && connectivity.verdict() != ConnectivityBoard.Verdict.INTERNET
                ? "marked document on an internet-workstation" : "marked document on an Internet-reachable machine";
    }
}
