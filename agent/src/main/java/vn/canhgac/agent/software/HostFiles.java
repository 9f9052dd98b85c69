package vn.canhgac.agent.software;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.canhgac.agent.host.HostRoot;

/**
 * Streaming reads under a {@link HostRoot} with a size cap, and directory listings. The agent
 * runs with a 24 MiB heap, so package databases are read as streams, never as one string.
 * Every method throws {@link IOException} (never {@link UncheckedIOException}) so that callers
 * turn any failure into one {@link ScanProblem}.
 */
final class HostFiles {

    /** More entries than this in one directory is not a software installation; the rest is ignored. */
    static final int MAX_DIRECTORY_ENTRIES = 100_000;

    private HostFiles() {}

    /** The file under the root that a host path names, links followed inside the root; empty if it does not exist. */
    static Optional<Path> locate(HostRoot host, String hostPath) throws IOException {
        try {
            return host.resolveLink(hostPath);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens a host file for reading; the stream fails with {@link TooLargeException} once more
     * than {@code maxBytes} have been read. Empty if the file does not exist.
     */
    static Optional<InputStream> open(HostRoot host, String hostPath, long maxBytes) throws IOException {
        Optional<Path> file = locate(host, hostPath);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(limit(Files.newInputStream(file.get()), maxBytes, hostPath));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The names in a host directory, sorted; empty if it does not exist or is not a directory. */
    static List<String> list(HostRoot host, String hostPath) throws IOException {
        try {
            return host.list(hostPath, MAX_DIRECTORY_ENTRIES);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * What went wrong, in words a reader can act on: the JDK's {@link AccessDeniedException}
     * message is only the path ("/proc/1/exe"), which says nothing.
     */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Joins a host directory and a name found in it. */
    static String child(String hostDirectory, String name) {
        return hostDirectory.endsWith("/") ? hostDirectory + name : hostDirectory + "/" + name;
    }

    /** Wraps a stream so that reading more than {@code maxBytes} fails, naming {@code what}. */
    static InputStream limit(InputStream in, long maxBytes, String what) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            private void counted(int n) throws TooLargeException {
                count += n;
                if (count > maxBytes) {
                    throw new TooLargeException(what, maxBytes);
                }
            }
        };
    }

    /** A file longer than the reader's limit: not what the reader expects, or hostile. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String what, long maxBytes) {
            super(what + " is larger than " + maxBytes + " bytes, the most this reader accepts");
        }
    }
}
