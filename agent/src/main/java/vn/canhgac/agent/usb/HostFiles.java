package vn.canhgac.agent.usb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.host.HostRoot;

/**
 * The reads {@link HostRoot} does not offer yet (directory listings, bytes, streams), each going
 * through {@link HostRoot#resolveLink} so links resolve inside the root exactly as for text reads.
 * Only "no such file" counts as missing; anything else is an {@link UncheckedIOException} naming
 * the host path.
 */
final class HostFiles {

    private HostFiles() {}

    /**
     * Names in a directory, sorted, at most {@code max} of them (sysfs and /var/log are small; the
     * cap keeps a hostile fixture from exhausting memory).
     *
     * @return empty if the directory does not exist or is not a directory
     */
    static List<String> list(HostRoot root, String hostDirectory, int max) {
        Optional<Path> directory = root.resolveLink(hostDirectory);
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.get())) {
            for (Path entry : entries) {
                if (names.size() >= max) {
                    break;
                }
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list host directory " + hostDirectory + ": " + e
                    + " (check that the agent runs with enough privileges to read it)", e);
        }
        names.sort(null);
        return names;
    }

    /**
     * What went wrong reading or writing, in words that name no path under the root: findings and
     * events carry host paths only, and the caller already names the host path at fault.
     */
    static String reason(HostRoot root, Exception error) {
        Throwable cause = error instanceof UncheckedIOException unchecked && unchecked.getCause() != null ? unchecked.getCause() : error;
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        String message = String.valueOf(cause.getMessage());
        String prefix = root.root().toString();
        return prefix.equals("/") ? message : message.replace(prefix, "");
    }

    /** Whether the host path names a directory (following links inside the root). */
    static boolean isDirectory(HostRoot root, String hostPath) {
        return root.resolveLink(hostPath).filter(Files::isDirectory).isPresent();
    }

    /** At most {@code max} bytes of a binary file; empty if it does not exist. */
    static Optional<byte[]> readBytes(HostRoot root, String hostPath, int max) {
        Optional<Path> file = root.resolveLink(hostPath);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            return Optional.of(in.readNBytes(max));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host file " + hostPath + ": " + e, e);
        }
    }

    /** Opens a file for streaming; the caller closes it and bounds what it reads. */
    static InputStream open(HostRoot root, String hostPath) throws IOException {
        Path file = root.resolveLink(hostPath).orElseThrow(() -> new NoSuchFileException(hostPath));
        return Files.newInputStream(file);
    }

    /** The file's last-modified time, or empty if it does not exist. */
    static Optional<Instant> lastModified(HostRoot root, String hostPath) {
        Optional<Path> file = root.resolveLink(hostPath);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getLastModifiedTime(file.get()).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modification time of host file " + hostPath + ": " + e, e);
        }
    }
}
