package vn.canhgac.agent.documents;

/**
 * What says a file is unchanged since it was last read: size, modification time and, where the
 * file system has one, its identity (device and inode), so a file replaced by another with the
 * same size and time is still read again.
 */
public record Fingerprint(long size, long modifiedNanos, String fileKey) {

    public Fingerprint {
        fileKey = fileKey == null ? "" : fileKey;
    }
}
