package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with a length cap and remembers whether the last line had its line break, which
 * is how a truncated package database shows itself. Unlike {@link java.io.BufferedReader} it
 * never builds an unbounded line out of a file with no line breaks (a binary file).
 */
final class LineReader {

    private final Reader in;
    private final int maxLineChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int lineNumber;
    private boolean lastTerminated = true;

    LineReader(Reader in, int maxLineChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
    }

    /**
     * The next line without its line break ("\n" or "\r\n"), or null at the end.
     *
     * @throws LineTooLongException if a line is longer than the cap
     */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line == null) {
                        return null;
                    }
                    lastTerminated = false;
                    lineNumber++;
                    return line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (line.length() > maxLineChars) {
                throw new LineTooLongException(lineNumber + 1, maxLineChars);
            }
            if (position < limit) {
                position++;
                lineNumber++;
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
        }
    }

    /** The number of the line {@link #readLine} returned last, counting from 1. */
    int lineNumber() {
        return lineNumber;
    }

    /** False when the input ended in the middle of a line. */
    boolean lastLineTerminated() {
        return lastTerminated;
    }

    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int line, int max) {
            super("line " + line + " is longer than " + max + " characters (binary data?)");
        }
    }
}
