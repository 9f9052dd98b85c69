package vn.canhgac.agent.documents;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one document may cost. Each is checked before the work it bounds: a file over
 * {@code maxFileBytes} is not opened, a zip part declaring more than {@code maxExpandedBytes}
 * is not inflated (and one that lies about its size is cut off at the limit), and extraction
 * stops at {@code timePerFile}.
 *
 * @param maxFileBytes     largest file read (from the policy's {@code documents.maxFileSizeMb})
 * @param maxExpandedBytes most bytes inflated from one zip-based document (.docx, .xlsx, .odt), all parts together
 * @param maxZipEntries    most entries a zip-based document may list
 * @param timePerFile      wall-clock time one document may take to extract
 */
public record ScanLimits(long maxFileBytes, long maxExpandedBytes, int maxZipEntries, Duration timePerFile) {

    public static final long MIB = 1024L * 1024;

    public ScanLimits {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maximum file size must be positive (got " + maxFileBytes + ")");
        }
        if (maxExpandedBytes <= 0) {
            throw new IllegalArgumentException("maximum expanded size must be positive (got " + maxExpandedBytes + ")");
        }
        if (maxZipEntries <= 0) {
            throw new IllegalArgumentException("maximum zip entry count must be positive (got " + maxZipEntries + ")");
        }
        Objects.requireNonNull(timePerFile, "timePerFile");
        if (timePerFile.isNegative() || timePerFile.isZero()) {
            throw new IllegalArgumentException("time per file must be positive (got " + timePerFile + ")");
        }
    }

    /** The agent's limits for a policy's maximum file size: 512 MiB inflated, 10,000 zip entries, 30 s a file. */
    public static ScanLimits forMaxFileSizeMb(int maxFileSizeMb) {
        return new ScanLimits(maxFileSizeMb * MIB, 512 * MIB, 10_000, Duration.ofSeconds(30));
    }
}
