package vn.canhgac.agent.documents;

import java.util.function.Supplier;

/** Keeps the highest level seen in a document, where it was first seen, and whether the document is declassified. */
final class MarkTally implements UnitSink {

    private Level level;
    private String location;
    private boolean declassified;

    @Override
    public void unit(String text, Supplier<String> where) {
        MarkDetector.Stamp stamp = MarkDetector.detect(text);
        if (stamp == null) {
            return;
        }
        if (stamp == MarkDetector.Stamp.GIAI_MAT) {
            declassified = true;
        } else {
            note(stamp.level(), where);
        }
    }

    /** Records a mark found without going through {@link #unit} (spreadsheet shared strings). */
    void note(Level found, Supplier<String> where) {
        if (found.isAbove(level)) {
            level = found;
            location = where.get();
        }
    }

    void declassified() {
        declassified = true;
    }

    Level level() {
        return level;
    }

    String location() {
        return location;
    }

    boolean isDeclassified() {
        return declassified;
    }
}
