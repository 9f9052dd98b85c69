package vn.canhgac.protocol.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secrets (private keys, credentials) so that only their owner can read them, from the
 * first byte: the file is created with mode 0600 rather than chmod-ed after the fact, then moved
 * into place atomically so a crash never leaves half a key.
 */
public final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private KeyFiles() {}

    public static void writeSecret(Path file, String content) {
        write(file, content, true);
    }

    /** Public material (certificates): written atomically, readable by others. */
    public static void writePublic(Path file, String content) {
        write(file, content, false);
    }

    /** Creates a directory (and parents) that only its owner can enter. */
    public static void createPrivateDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (isPosix(directory.toAbsolutePath().getRoot())) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory + ": " + e.getMessage(), e);
        }
    }

    public static boolean isOwnerOnly(Path file) {
        try {
            return !isPosix(file) || OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + file, e);
        }
    }

    private static void write(Path file, String content, boolean secret) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = directory.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(temporary);
            FileAttribute<?>[] attributes = secret && isPosix(directory)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Files.createFile(temporary, attributes);
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("another process is writing " + file + " at the same time; try again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage()
                    + " (check that the directory exists, is writable and the disk is not full)", e);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
