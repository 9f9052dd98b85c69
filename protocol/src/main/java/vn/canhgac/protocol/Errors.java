package vn.canhgac.protocol;

/** Error descriptions for one-line log events. */
public final class Errors {

    private Errors() {}

    /** "SSLHandshakeException: reason" of the innermost cause: the part a reader can act on. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Text that came from outside (a file, a certificate) made safe for a one-line message: control
     * characters (line breaks included) dropped, at most 100 characters kept.
     */
    public static String printable(String text) {
        return text.codePoints().filter(c -> !Character.isISOControl(c)).limit(100)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
