package vn.canhgac.agent.usb;

/**
 * Device strings (manufacturer, product, serial, interface names) come from the device itself,
 * so a hostile one can put anything there. For display and logs they are cut to a length and
 * control characters become "?"; matching an allow-list uses the serial as reported.
 */
final class Printable {

    static final int MAX_CHARS = 128;
    static final int MAX_MESSAGE_CHARS = 1024;

    private Printable() {}

    /** USB string descriptors hold at most 126 UTF-16 units; anything longer is not from a device. */
    static String of(String text) {
        return cut(text, MAX_CHARS);
    }

    /** An error message for a log line or an event: longer than a device string, still bounded. */
    static String message(String text) {
        return cut(String.valueOf(text), MAX_MESSAGE_CHARS);
    }

    private static String cut(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        text.codePoints().limit(maxChars).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().strip();
    }

    /** For a value quoted in an error message: short, printable, never the whole of a garbage file. */
    static String quoted(String text) {
        String shown = of(text.length() > 32 ? text.substring(0, 32) + "…" : text);
        return "\"" + shown + "\"";
    }
}
