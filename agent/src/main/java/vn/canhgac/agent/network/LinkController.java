package vn.canhgac.agent.network;

/**
 * Brings a network interface down: the one change {@code isolate} makes to a machine. Behind an
 * interface so that the agent uses {@code ip link} on its own host, a test runs the same command
 * inside a network namespace it created, and a fixture host root gets {@link #notThisHost}.
 */
@FunctionalInterface
public interface LinkController {

    /** Never throws: a failure is an outcome to report. */
    Outcome bringDown(String device);

    /** @param detail what happened, in words: the command's error output when it failed */
    record Outcome(boolean done, String detail) {}

    /** For a fixture host root: its interfaces are not this machine's, so nothing is changed and the report says why. */
    static LinkController notThisHost(String hostRoot) {
        return device -> new Outcome(false, "not applied: the host root " + hostRoot
                + " is not this machine's own \"/\", so its interfaces cannot be changed from here");
    }
}
