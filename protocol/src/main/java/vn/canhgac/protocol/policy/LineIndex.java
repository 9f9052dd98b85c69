package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list element of a YAML document stands: "usb.allow[0].vendorId" → line 9.
 * Validation happens when a whole section has been read, so the error location Jackson reports
 * is the end of the section; this index gives the line of the field itself.
 */
final class LineIndex {

    private final Map<String, Integer> lines;

    private LineIndex(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Indexes what it can; a document that is not YAML gives an empty index (the parser reports it). */
    static LineIndex of(String text) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                Frame top = stack.peek();
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    top.key = top.prefix + (top.prefix.isEmpty() ? "" : ".") + parser.currentName();
                    lines.putIfAbsent(top.key, line);
                    continue;
                }
                String here = top == null ? "" : top.array ? top.prefix + "[" + top.index++ + "]" : top.key;
                lines.putIfAbsent(here, line);
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    stack.push(new Frame(here, token == JsonToken.START_ARRAY));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not YAML: the binding step reports it with its own location.
        }
        return new LineIndex(lines);
    }

    /** The line of {@code path}, else of its nearest indexed ancestor, else 0. */
    int lineOf(String path) {
        String candidate = path;
        while (!candidate.isEmpty()) {
            Integer line = lines.get(candidate);
            if (line != null) {
                return line;
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = cut < 0 ? "" : candidate.substring(0, cut);
        }
        return 0;
    }

    private static final class Frame {
        final String prefix;
        final boolean array;
        String key;
        int index;

        Frame(String prefix, boolean array) {
            this.prefix = prefix;
            this.array = array;
            this.key = prefix;
        }
    }
}
