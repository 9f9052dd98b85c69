package vn.canhgac.agent.config;

/**
 * Whether the agent carries out its verdicts (deauthorise a USB device, end a process, bring an
 * interface down) or only reports what it would have done. Reporting is what a first roll-out,
 * a developer's machine or a demo wants; enforcing is what a deployed agent does.
 */
public enum Enforcement {
    ENFORCE("enforce"), REPORT_ONLY("report-only");

    private final String word;

    Enforcement(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Enforcement parse(String word) {
        for (Enforcement mode : values()) {
            if (mode.word.equals(word)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("enforcement must be enforce or report-only (got \"" + word + "\")");
    }
}
