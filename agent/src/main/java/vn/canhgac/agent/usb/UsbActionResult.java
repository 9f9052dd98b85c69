package vn.canhgac.agent.usb;

/**
 * What happened when the monitor tried to carry out an action.
 *
 * @param error why it failed or could not be attempted; empty when it was done or not needed
 */
public record UsbActionResult(UsbAction action, Outcome outcome, String error) {

    public enum Outcome {
        /** Carried out. */
        DONE("done"),
        /** Tried and failed; {@code error} says why (e.g. the agent is not root). */
        FAILED("failed"),
        /** The agent runs in report-only mode: this is what it would have done. */
        REPORT_ONLY("report-only"),
        /** This OS has no enforcement yet. */
        UNAVAILABLE("unavailable"),
        /** The device was unplugged before the action could be taken. */
        GONE("gone"),
        /** The device was already as the verdict wants it. */
        NOT_NEEDED("not-needed");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    static UsbActionResult notNeeded() {
        return new UsbActionResult(UsbAction.NONE, Outcome.NOT_NEEDED, "");
    }
}
