package vn.canhgac.agent.usb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import vn.canhgac.agent.host.HostRoot;

/**
 * The reads {@link HostRoot} does not offer yet (bytes, streams, modification times), each going
 * through {@link HostRoot#resolveLink} so links resolve inside the root exactly as for text reads.
 * Only "no such file" counts as missing; anything else is an {@link UncheckedIOException} naming
 * the host path.
 */
final class HostFiles {

    private HostFiles() {}

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
