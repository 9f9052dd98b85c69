package vn.canhgac.server.reports;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one report format to a stream, reading rows page by page; the caller owns and closes the stream. */
interface ReportWriter {

    /** @return the number of detail rows written */
    long write(ReportHeader header, ReportRows rows, OutputStream out) throws IOException;
}
