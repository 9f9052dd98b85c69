package vn.canhgac.agent.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read against a budget shared by all parts of one document and checks the
 * deadline on every read: the limit on expanded size holds even when a zip entry lies about its
 * size, and a read loop never outlives the time limit.
 */
final class GuardedInputStream extends FilterInputStream {

    /** Bytes one document may still produce; shared by every stream opened for it. */
    static final class Budget {
        private final long limit;
        private long used;

        Budget(long limit) {
            this.limit = limit;
        }

        void consume(long bytes, String what) {
            used += bytes;
            if (used > limit) {
                throw new DocumentException(what + " expands to more than " + limit / ScanLimits.MIB
                        + " MiB, the limit for one document (a zip bomb?): not read further");
            }
        }

        long remaining() {
            return limit - used;
        }

        long limit() {
            return limit;
        }
    }

    private final Budget budget;
    private final Deadline deadline;
    private final String what;

    GuardedInputStream(InputStream in, Budget budget, Deadline deadline, String what) {
        super(in);
        this.budget = budget;
        this.deadline = deadline;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        deadline.check();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            budget.consume(n, what);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        deadline.check();
        long skipped = super.skip(n);
        budget.consume(skipped, what);
        return skipped;
    }
}
