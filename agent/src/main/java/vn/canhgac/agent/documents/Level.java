package vn.canhgac.agent.documents;

/**
 * A state-secret classification level, lowest first, as reported in findings and events
 * ({@code MAT}, {@code TOI_MAT}, {@code TUYET_MAT}). {@link #stamp()} is the mark as printed
 * on the document.
 */
public enum Level {
    MAT("MẬT"), TOI_MAT("TỐI MẬT"), TUYET_MAT("TUYỆT MẬT");

    private final String stamp;

    Level(String stamp) {
        this.stamp = stamp;
    }

    public String stamp() {
        return stamp;
    }

    public boolean isAbove(Level other) {
        return other == null || compareTo(other) > 0;
    }
}
