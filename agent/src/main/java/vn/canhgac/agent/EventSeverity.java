package vn.canhgac.agent;

/** Severities as numbered on the wire ({@code canhgac.v1.Severity}); zero is never used for a real event. */
public enum EventSeverity {
    INFO(1), LOW(2), MEDIUM(3), HIGH(4), CRITICAL(5);

    private final int number;

    EventSeverity(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
