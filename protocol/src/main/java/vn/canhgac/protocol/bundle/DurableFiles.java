package vn.canhgac.protocol.bundle;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Puts files in place so that, after a crash or a pulled USB stick, a file under its final name
 * is complete: written to a temporary name, forced to disk, renamed, and the directory forced.
 * Public because the agent keeps its accepted policy bundle the same way.
 */
public final class DurableFiles {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {}

    /** Renames a file that is already on disk to {@code target}, replacing it, atomically where the file system can. */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some removable media file systems cannot rename atomically; the temporary file is complete already.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a small file durably under {@code target}. */
    public static void write(Path target, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".canhgac-", ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Forces the directory's entries (the renames) to disk. Windows cannot open a directory for
     * this and NTFS journals renames itself, so there it does nothing.
     */
    public static void forceDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
