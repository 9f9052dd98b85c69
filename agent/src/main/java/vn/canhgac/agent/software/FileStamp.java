package vn.canhgac.agent.software;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What tells one version of a file from the next without reading it: size, modification time
 * and the file key (device and inode on Linux). Package databases and executables are replaced
 * by rename, which changes the inode even when size and time happen to match.
 */
record FileStamp(long size, long modifiedNanos, Object fileKey) {

    /** Follows links, so a stamp of {@code /proc/PID/exe} describes the executable itself. */
    static FileStamp of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                attributes.fileKey());
    }
}
