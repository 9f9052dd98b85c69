package vn.canhgac.protocol.bundle;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.EventBundle;
import vn.canhgac.protocol.v1.SignedEventBundle;

/**
 * Writes one signed bundle file from events given one at a time, in constant memory: the agent
 * runs with a heap far smaller than a full bundle.
 *
 * <p>How: the {@code EventBundle} is streamed to a temporary file while the signature and its
 * size are computed; its header fields go last, once the first and last sequences are known
 * (protobuf readers accept fields in any order). {@link #finish} then writes the
 * {@code SignedEventBundle} around those bytes into a second temporary file, forces it to disk,
 * renames it into place and writes the SHA-256 sidecar the same way. A crash leaves at most
 * hidden {@code .canhgac-*.tmp} files, never a partial {@code .cgbundle}.
 *
 * <p>Not thread-safe; one writer per file.
 */
public final class SignedBundleWriter implements AutoCloseable {

    /** Field number of {@code EventBundle.events} and {@code SignedEventBundle.bundle}, from bundle.proto. */
    private static final int EVENTS_FIELD = EventBundle.EVENTS_FIELD_NUMBER;
    /** Generous upper bound of the header fields' size beside the agent id, so that a full part still fits after them. */
    private static final int HEADER_RESERVE = 128;
    /** Room for the largest event the protocol allows (a 64 KiB payload and its fields), so that every part holds one. */
    private static final int SMALLEST_BUNDLE_BYTES = 128 * 1024;

    /**
     * How large one file may grow: at most the format's maxima; tests use smaller ones to split.
     */
    public record Limits(int maxEvents, int maxBundleBytes) {
        public static final Limits FORMAT_MAXIMUM = new Limits(BundleFormat.MAX_EVENTS, BundleFormat.MAX_BUNDLE_BYTES);

        public Limits {
            if (maxEvents < 1 || maxEvents > BundleFormat.MAX_EVENTS) {
                throw new IllegalArgumentException("a bundle holds 1 to " + BundleFormat.MAX_EVENTS + " events (got " + maxEvents + ")");
            }
            if (maxBundleBytes < SMALLEST_BUNDLE_BYTES || maxBundleBytes > BundleFormat.MAX_BUNDLE_BYTES) {
                throw new IllegalArgumentException("a bundle's size limit must be between " + SMALLEST_BUNDLE_BYTES + " and "
                        + BundleFormat.MAX_BUNDLE_BYTES + " bytes (got " + maxBundleBytes + ")");
            }
        }
    }

    /** A finished file: where it is, what it holds, and the SHA-256 of its bytes (also in the sidecar). */
    public record Written(Path file, Path sidecar, String sha256Hex, long firstSequence, long lastSequence, int events, long bytes) {}

    private final Path directory;
    private final String agentId;
    private final X509Certificate certificate;
    private final Limits limits;
    private final Path eventsFile;
    private final Signature signature;
    private final OutputStream fileStream;
    private final CodedOutputStream out;
    private long bundleBytes;
    private long firstSequence;
    private long lastSequence;
    private int events;
    private boolean closed;

    private SignedBundleWriter(Path directory, String agentId, X509Certificate certificate, Limits limits, Path eventsFile,
                               Signature signature, OutputStream fileStream) {
        this.directory = directory;
        this.agentId = agentId;
        this.certificate = certificate;
        this.limits = limits;
        this.eventsFile = eventsFile;
        this.signature = signature;
        this.fileStream = fileStream;
        this.out = CodedOutputStream.newInstance(new SigningOutputStream(fileStream, signature));
    }

    /**
     * Starts a bundle in {@code directory}, which must exist.
     *
     * @param key         the agent's private key
     * @param certificate the agent's certificate, carried in the file for the server to check
     */
    public static SignedBundleWriter open(Path directory, String agentId, PrivateKey key, X509Certificate certificate, Limits limits) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(limits, "limits");
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("a bundle needs the agent's id");
        }
        Signature signature = BundleFormat.signer(Objects.requireNonNull(key, "key"), encoded(certificate));
        Path eventsFile = temporaryFile(directory);
        try {
            return new SignedBundleWriter(directory, agentId, certificate, limits, eventsFile, signature,
                    new BufferedOutputStream(Files.newOutputStream(eventsFile), 64 * 1024));
        } catch (IOException e) {
            deleteQuietly(eventsFile);
            throw new UncheckedIOException("cannot write in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code event} still fits in this file; when not, finish it and start the next. */
    public boolean fits(Event event) {
        long size = CodedOutputStream.computeMessageSize(EVENTS_FIELD, event);
        return events < limits.maxEvents() && bundleBytes + size + HEADER_RESERVE + agentId.length() <= limits.maxBundleBytes();
    }

    /**
     * Appends an event; its sequence must follow the previous one's (an outbox never has gaps).
     *
     * @throws IllegalStateException if it does not fit, or the writer is finished
     */
    public void add(Event event) {
        requireOpen();
        if (!fits(event)) {
            throw new IllegalStateException("event " + event.getSequence() + " does not fit in this bundle; finish it and start another");
        }
        if (events > 0 && event.getSequence() != lastSequence + 1) {
            throw new IllegalArgumentException("bundle events must have consecutive sequences: " + event.getSequence()
                    + " cannot follow " + lastSequence);
        }
        if (event.getSequence() < 1) {
            throw new IllegalArgumentException("event sequences start at 1 (got " + event.getSequence() + ")");
        }
        try {
            out.writeMessage(EVENTS_FIELD, event);
        } catch (IOException e) {
            throw writeFailed(e);
        }
        bundleBytes += CodedOutputStream.computeMessageSize(EVENTS_FIELD, event);
        if (events == 0) {
            firstSequence = event.getSequence();
        }
        lastSequence = event.getSequence();
        events++;
    }

    public int events() {
        return events;
    }

    /**
     * Writes the header, signs, and puts the file and its sidecar in place, both forced to disk.
     *
     * @param droppedEventsTotal the outbox's count of dropped events, so the server learns of losses
     */
    public Written finish(Instant createdAt, long droppedEventsTotal) {
        requireOpen();
        if (events == 0) {
            throw new IllegalStateException("a bundle needs at least one event");
        }
        closed = true;
        Path signedFile = null;
        try {
            out.writeUInt32(EventBundle.PROTOCOL_VERSION_FIELD_NUMBER, ProtocolVersion.CURRENT);
            out.writeString(EventBundle.AGENT_ID_FIELD_NUMBER, agentId);
            out.writeInt64(EventBundle.CREATED_AT_EPOCH_MS_FIELD_NUMBER, createdAt.toEpochMilli());
            out.writeUInt64(EventBundle.FIRST_SEQUENCE_FIELD_NUMBER, firstSequence);
            out.writeUInt64(EventBundle.LAST_SEQUENCE_FIELD_NUMBER, lastSequence);
            out.writeUInt64(EventBundle.DROPPED_EVENTS_TOTAL_FIELD_NUMBER, droppedEventsTotal);
            out.flush();
            fileStream.close();
            byte[] signatureBytes = signature.sign();
            String name = BundleFormat.fileName(agentId, firstSequence, lastSequence);
            signedFile = temporaryFile(directory);
            String sha256 = writeSigned(signedFile, signatureBytes);
            long written = Files.size(signedFile);
            Path target = directory.resolve(name);
            DurableFiles.moveIntoPlace(signedFile, target);
            Path sidecar = directory.resolve(name + BundleFormat.SIDECAR_SUFFIX);
            // The format of sha256sum, so that `sha256sum -c FILE.sha256` checks the bundle by hand.
            DurableFiles.write(sidecar, (sha256 + "  " + name + "\n").getBytes(StandardCharsets.US_ASCII));
            DurableFiles.forceDirectory(directory);
            return new Written(target, sidecar, sha256, firstSequence, lastSequence, events, written);
        } catch (IOException e) {
            throw writeFailed(e);
        } catch (SignatureException e) {
            throw new IllegalStateException("cannot sign the bundle: " + e.getMessage(), e);
        } finally {
            closeQuietly(fileStream);
            deleteQuietly(eventsFile);
            if (signedFile != null) {
                deleteQuietly(signedFile);
            }
        }
    }

    /** Discards an unfinished bundle: its temporary file is deleted. Does nothing after {@link #finish}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(fileStream);
        deleteQuietly(eventsFile);
    }

    /** The SignedEventBundle around the streamed bundle bytes, in field order, forced to disk; returns its SHA-256. */
    private String writeSigned(Path signedFile, byte[] signatureBytes) throws IOException {
        byte[] certificateDer = encoded(certificate);
        MessageDigest digest = sha256();
        try (FileOutputStream file = new FileOutputStream(signedFile.toFile());
             DigestOutputStream buffered = new DigestOutputStream(new BufferedOutputStream(file, 64 * 1024), digest);
             InputStream bundle = Files.newInputStream(eventsFile)) {
            CodedOutputStream signed = CodedOutputStream.newInstance(buffered);
            signed.writeTag(SignedEventBundle.BUNDLE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            signed.writeUInt64NoTag(Files.size(eventsFile));
            signed.flush();
            bundle.transferTo(buffered);
            signed.writeByteArray(SignedEventBundle.SIGNATURE_FIELD_NUMBER, signatureBytes);
            signed.writeByteArray(SignedEventBundle.CERTIFICATE_DER_FIELD_NUMBER, certificateDer);
            signed.writeString(SignedEventBundle.SIGNATURE_ALGORITHM_FIELD_NUMBER, BundleFormat.SIGNATURE_ALGORITHM);
            signed.flush();
            buffered.flush();
            file.getFD().sync();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the agent's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this bundle writer is already finished or closed");
        }
    }

    private UncheckedIOException writeFailed(IOException e) {
        return new UncheckedIOException("cannot write the bundle in " + directory + ": " + e.getMessage()
                + " (check that the directory is writable and the medium is not full)", e);
    }

    private static Path temporaryFile(Path directory) {
        try {
            return Files.createTempFile(directory, ".canhgac-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + directory + ": " + e.getMessage()
                    + " (check that the directory exists and is writable)", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A hidden .tmp file left behind is harmless: it never matches *.cgbundle.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Only a temporary file is affected, and it is deleted next.
        }
    }

    /** Feeds every byte written through it to the signature as well. */
    private static final class SigningOutputStream extends FilterOutputStream {
        private final Signature signature;

        SigningOutputStream(OutputStream out, Signature signature) {
            super(out);
            this.signature = signature;
        }

        @Override
        public void write(int b) throws IOException {
            update(new byte[] {(byte) b}, 0, 1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            update(b, off, len);
            out.write(b, off, len);
        }

        private void update(byte[] b, int off, int len) throws IOException {
            try {
                signature.update(b, off, len);
            } catch (SignatureException e) {
                throw new IOException("the signature stopped accepting data: " + e.getMessage(), e);
            }
        }
    }
}
