package vn.canhgac.agent.network;

import java.util.List;

/**
 * Collects the lines of one file that could not be parsed: the first few are kept with their
 * line numbers, the rest counted, so a garbage file yields a readable error, not ten thousand.
 */
final class ParseProblems {

    private static final int KEPT = 5;

    private final String path;
    private final List<NetworkState.Problem> sink;
    private int count;

    ParseProblems(String path, List<NetworkState.Problem> sink) {
        this.path = path;
        this.sink = sink;
    }

    void line(int number, String message) {
        if (++count <= KEPT) {
            sink.add(new NetworkState.Problem(path, "line " + number + ": " + message + "; line skipped"));
        }
    }

    void file(String message) {
        sink.add(new NetworkState.Problem(path, message));
    }

    /** Adds the count of lines not listed; call once after the last line. */
    void finish() {
        if (count > KEPT) {
            sink.add(new NetworkState.Problem(path, (count - KEPT) + " more unparsable line(s) skipped"));
        }
    }
}
