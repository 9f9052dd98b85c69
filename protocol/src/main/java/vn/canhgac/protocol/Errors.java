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
}
