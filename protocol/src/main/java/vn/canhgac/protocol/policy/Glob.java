package vn.canhgac.protocol.policy;

import java.util.Locale;

/**
 * A policy glob: {@code *} is any run of characters (including "/" and "\"), {@code ?} one
 * character, everything else literal; matching ignores case (both sides lower-cased, so
 * "ĐIỀU" matches "điều") and covers the whole text.
 *
 * <p>Matched with the classic two-pointer wildcard walk rather than a regular expression: the
 * agent judges every package against every rule each cycle, and this is several times cheaper.
 */
final class Glob {

    private final String folded;

    private Glob(String folded) {
        this.folded = folded;
    }

    static Glob of(String glob) {
        return new Glob(fold(glob));
    }

    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    boolean matches(String text) {
        return text != null && matchesFolded(fold(text));
    }

    /** For callers that fold the text once and match it against many globs. */
    boolean matchesFolded(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < folded.length() && (folded.charAt(p) == '?' || folded.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < folded.length() && folded.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                // Let the last star swallow one more character and try again from there.
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < folded.length() && folded.charAt(p) == '*') {
            p++;
        }
        return p == folded.length();
    }
}
