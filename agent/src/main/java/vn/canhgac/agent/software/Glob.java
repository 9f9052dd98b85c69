package vn.canhgac.agent.software;

import java.util.regex.Pattern;

/**
 * A policy glob: {@code *} is any run of characters (including "/" and "\"), {@code ?} one
 * character, everything else literal; matching ignores case (Unicode-aware, so "ĐIỀU" matches
 * "điều") and covers the whole text.
 */
final class Glob {

    private final Pattern pattern;

    private Glob(Pattern pattern) {
        this.pattern = pattern;
    }

    static Glob of(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new Glob(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    boolean matches(String text) {
        return text != null && pattern.matcher(text).matches();
    }
}
