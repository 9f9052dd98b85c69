package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import vn.canhgac.agent.host.HostRoot;

/**
 * One pass over the document roots: walks them under the host root (links are not followed, so
 * nothing outside the roots is read), skips files the index knows unchanged, reads the rest with
 * the {@link DocumentReader}, hashes the marked ones, and hands every marked or unreadable
 * document to the caller. Used by the audit, the collector and the benchmark alike.
 *
 * <p>Implementation notes: single-threaded; the caller chooses the thread (the collector's own
 * low-priority thread, the audit's main thread). The {@link Throttle} rests after each file read,
 * not after files the index answers for, so an unchanged tree is rescanned at full speed.
 */
public final class DocumentScanner {

    static final int MAX_DEPTH = 64;
    private static final int HASH_BUFFER = 64 * 1024;

    /** Counts for one pass; {@code stoppedBecause} is null when the pass covered every root. */
    public record Summary(int files, long bytes, int read, long bytesRead, int fromIndex, int marked, int unreadable,
                          long nanos, String stoppedBecause) {}

    private final HostRoot hostRoot;
    private final ScanIndex index;
    private final DocumentReader reader;
    private final Throttle throttle;
    private final LongSupplier nanoTime;

    public DocumentScanner(HostRoot hostRoot, ScanIndex index, DocumentReader reader, Throttle throttle, LongSupplier nanoTime) {
        this.hostRoot = hostRoot;
        this.index = index;
        this.reader = reader;
        this.throttle = throttle;
        this.nanoTime = nanoTime;
    }

    /**
     * @param roots          host paths of the directories to walk; overlapping roots are walked once
     * @param missingIsError whether a root that does not exist is reported (an explicit {@code --documents DIR})
     *                       or quietly skipped (the policy's defaults, which need not all exist)
     * @param results        receives each marked or unreadable document, in walk order
     */
    public Summary scan(List<String> roots, boolean missingIsError, ScanLimits limits, Consumer<ScannedDocument> results) {
        Pass pass = new Pass(limits, results);
        index.beginPass();
        try {
            for (String root : distinct(roots)) {
                if (pass.stoppedBecause != null) {
                    break;
                }
                Optional<Path> start = hostRoot.resolveLink(root);
                if (start.isEmpty() || !Files.isDirectory(start.get(), LinkOption.NOFOLLOW_LINKS)) {
                    if (missingIsError) {
                        pass.unreadable(root, "no such directory under the host root");
                    }
                    continue;
                }
                Files.walkFileTree(start.get(), EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, pass);
            }
        } catch (IOException e) {
            pass.stoppedBecause = "walk failed: " + e.getClass().getSimpleName();
        } catch (UncheckedIOException e) {
            pass.stoppedBecause = "walk failed: " + e.getCause().getClass().getSimpleName();
        } finally {
            index.endPass(pass.stoppedBecause == null);
        }
        return new Summary(pass.files, pass.bytes, pass.read, pass.bytesRead, pass.fromIndex, pass.marked, pass.unreadable,
                nanoTime.getAsLong() - pass.started, pass.stoppedBecause);
    }

    /** Roots in order, without duplicates and without roots that lie inside another root. */
    static List<String> distinct(List<String> roots) {
        List<String> kept = new ArrayList<>();
        for (String root : roots) {
            String normal = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
            boolean covered = roots.stream().map(other -> other.endsWith("/") ? other : other + "/")
                    .anyMatch(prefix -> !prefix.equals(normal + "/") && normal.startsWith(prefix));
            if (!covered && !kept.contains(normal)) {
                kept.add(normal);
            }
        }
        return kept;
    }

    /** SHA-256 of a file, streamed. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every Java platform must provide", e);
        }
        byte[] buffer = new byte[HASH_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private final class Pass implements FileVisitor<Path> {
        private final ScanLimits limits;
        private final Consumer<ScannedDocument> results;
        private final long started = nanoTime.getAsLong();
        private String stoppedBecause;
        private int files;
        private long bytes;
        private int read;
        private long bytesRead;
        private int fromIndex;
        private int marked;
        private int unreadable;

        Pass(ScanLimits limits, Consumer<ScannedDocument> results) {
            this.limits = limits;
            this.results = results;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return stoppedBecause == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            Path name = file.getFileName();
            if (attributes.isRegularFile() && name != null && DocumentFormat.isCandidate(name.toString())) {
                document(file, name.toString(), attributes);
            }
            return stoppedBecause == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException error) {
            if (!(error instanceof NoSuchFileException)) {
                unreadable(hostRoot.hostPath(file), error instanceof AccessDeniedException
                        ? "cannot be listed: permission denied" : "cannot be listed: " + error.getClass().getSimpleName());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException error) {
            return FileVisitResult.CONTINUE;
        }

        private void document(Path file, String fileName, BasicFileAttributes attributes) {
            String hostPath = hostRoot.hostPath(file);
            long size = attributes.size();
            files++;
            bytes += size;
            if (size > limits.maxFileBytes()) {
                unreadable(hostPath, "larger than the limit of " + limits.maxFileBytes() / ScanLimits.MIB
                        + " MiB (documents.maxFileSizeMb): not scanned");
                return;
            }
            Fingerprint fingerprint = fingerprint(attributes);
            Optional<ScannedDocument> known = index.lookup(hostPath, fingerprint);
            if (known.isPresent()) {
                fromIndex++;
                report(known.get());
                return;
            }
            if (!reader.healthy()) {
                stoppedBecause = "stopped: " + DocumentReader.MAX_STUCK_WORKERS + " extractions did not end after their time limit";
                return;
            }
            long begin = nanoTime.getAsLong();
            ScannedDocument document = readDocument(file, fileName, hostPath, size);
            read++;
            bytesRead += size;
            if (unchanged(file, fingerprint)) {
                index.store(fingerprint, document);
            }
            report(document);
            try {
                throttle.pace(nanoTime.getAsLong() - begin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stoppedBecause = "stopped: the agent is shutting down";
            }
        }

        private ScannedDocument readDocument(Path file, String fileName, String hostPath, long size) {
            ReadOutcome outcome = reader.read(file, fileName, limits);
            String sha256 = null;
            if (outcome instanceof ReadOutcome.Marked) {
                try {
                    sha256 = sha256(file);
                } catch (IOException e) {
                    outcome = new ReadOutcome.Unreadable("marked, but cannot be hashed: " + DocumentReader.describe(e, file));
                }
            }
            return new ScannedDocument(hostPath, size, outcome, sha256);
        }

        /** Whether the file still has the fingerprint it had before it was read; a file being written is read again next pass. */
        private boolean unchanged(Path file, Fingerprint before) {
            try {
                return fingerprint(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)).equals(before);
            } catch (IOException e) {
                return false;
            }
        }

        private void report(ScannedDocument document) {
            switch (document.outcome()) {
                case ReadOutcome.Marked m -> {
                    marked++;
                    results.accept(document);
                }
                case ReadOutcome.Unreadable u -> {
                    unreadable++;
                    results.accept(document);
                }
                case ReadOutcome.Clean c -> { }
            }
        }

        private void unreadable(String hostPath, String message) {
            report(new ScannedDocument(hostPath, 0, new ReadOutcome.Unreadable(message), null));
        }
    }

    private static Fingerprint fingerprint(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return new Fingerprint(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                key == null ? "" : key.toString());
    }
}
