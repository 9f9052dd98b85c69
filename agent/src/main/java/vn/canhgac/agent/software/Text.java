package vn.canhgac.agent.software;

/**
 * Cleans strings that come from the machine (package fields, registry values, command lines)
 * before they reach findings, events and terminals: control characters could rewrite an
 * inspector's terminal, and unbounded fields could push an event over its size limit.
 */
final class Text {

    private Text() {}

    /** {@code value} with control characters replaced by '?', trimmed and cut to {@code max} characters; null stays null. */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        int length = Math.min(trimmed.length(), max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = trimmed.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    /** Like {@link #clean}, but an empty result is null: "not known". */
    static String cleanOrNull(String value, int max) {
        String cleaned = clean(value, max);
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
    }

    /** The last element of a Unix or Windows path: "C:\\Users\\a\\AnyDesk.exe" gives "AnyDesk.exe". */
    static String baseName(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }
}
