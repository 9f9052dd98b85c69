package vn.canhgac.agent.software;

/**
 * Ends a running process: the one thing the software collector ever does to a machine (it never
 * deletes or uninstalls). Behind an interface so that tests, fixture host roots and report-only
 * agents use a stand-in that touches nothing.
 */
public interface ProcessKiller {

    /** Ends the process if it is still the one that was scanned (same pid and start time), and says how that went. */
    KillResult kill(RunningProgram program);

    /**
     * @param stopped whether the process is no longer running
     * @param outcome for events: "killed", "exited-before-kill", "failed: …", "not-attempted: …"
     */
    record KillResult(boolean stopped, String outcome) {}

    /** A killer that kills nothing and says why. */
    static ProcessKiller notAttempted(String reason) {
        KillResult result = new KillResult(false, "not-attempted: " + reason);
        return program -> result;
    }
}
