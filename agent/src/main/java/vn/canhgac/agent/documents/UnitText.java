package vn.canhgac.agent.documents;

import java.util.function.Supplier;

/**
 * Collects the runs of one unit (Word splits a paragraph into runs wherever formatting, spell
 * checking or editing history changes) and decodes each run by its own font before joining, so
 * a mark split across runs, or set partly in a legacy font, reads as one string.
 *
 * <p>Memory is bounded: leading spaces are not kept, and past {@link #MAX_CHARS} characters the
 * unit is known to be running text and further runs are dropped.
 */
final class UnitText {

    static final int MAX_CHARS = 256;

    private final StringBuilder text = new StringBuilder(64);
    private boolean overflow;

    void append(CharSequence run, LegacyEncoding encoding) {
        if (overflow || run.isEmpty()) {
            return;
        }
        append(encoding == LegacyEncoding.UNICODE ? run : encoding.decode(run));
    }

    void append(CharSequence decoded) {
        if (overflow) {
            return;
        }
        int from = 0;
        if (text.isEmpty()) {
            while (from < decoded.length() && MarkDetector.isPadding(decoded.charAt(from)) && decoded.charAt(from) < 0x80) {
                from++;
            }
        }
        if (text.length() + decoded.length() - from > MAX_CHARS) {
            overflow = true;
            text.setLength(0);
            return;
        }
        text.append(decoded, from, decoded.length());
    }

    void append(char c) {
        if (overflow || (text.isEmpty() && c == ' ')) {
            return;
        }
        if (text.length() >= MAX_CHARS) {
            overflow = true;
            text.setLength(0);
            return;
        }
        text.append(c);
    }

    /** Hands the unit to the sink (unless it overflowed or is empty) and starts a new one. */
    void flush(UnitSink sink, Supplier<String> location) {
        if (!overflow && !text.isEmpty()) {
            sink.unit(text.toString(), location);
        }
        text.setLength(0);
        overflow = false;
    }
}
