package vn.canhgac.server.reports;

/** A report request that cannot be served; {@link #kind()} says why, for the API's status code. */
public final class ReportRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A parameter is wrong (400). */
        INVALID,
        /** No such report for this account (404). */
        NOT_FOUND,
        /** The report is not finished, or failed (409). */
        NOT_READY,
        /** Too many reports are waiting (429). */
        BUSY
    }

    private final Kind kind;

    ReportRefused(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
