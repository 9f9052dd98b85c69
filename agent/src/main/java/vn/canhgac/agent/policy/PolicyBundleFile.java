package vn.canhgac.agent.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import vn.canhgac.protocol.bundle.DurableFiles;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.v1.PolicyBundle;

/**
 * The accepted bundle in the state directory ({@value #FILE_NAME}), kept as the signed protobuf
 * bytes so that every start verifies it again. Written durably (fsync, atomic rename, directory
 * fsync): after a crash the file is the old bundle or the new one, never half of either.
 */
public final class PolicyBundleFile {

    static final String FILE_NAME = "policy-bundle.pb";
    static final String REJECTED_SUFFIX = ".rejected";
    /** A document at the parser's limit plus the two signatures (Ed25519 64 bytes, ML-DSA-65 3,309) and the header, with room. */
    static final int MAX_BYTES = PolicyParser.MAX_POLICY_BYTES + 16 * 1024;

    /** What the file held at start-up. */
    public sealed interface Stored {}

    public record Missing() implements Stored {}

    public record Found(PolicyBundle bundle) implements Stored {}

    /** The file is there but is not a bundle (truncated, overwritten, too large). */
    public record Unreadable(String reason) implements Stored {}

    private final Path file;

    public PolicyBundleFile(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    public Stored read() {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new Unreadable(file + " is " + size + " bytes, more than a policy bundle can be (" + MAX_BYTES + ")");
            }
            return new Found(PolicyBundle.parseFrom(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (InvalidProtocolBufferException e) {
            return new Unreadable(file + " is not a policy bundle: " + e.getMessage());
        } catch (IOException e) {
            return new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Replaces the stored bundle; returns only when the new one is on disk under its final name. */
    public void write(PolicyBundle bundle) {
        try {
            DurableFiles.write(file, bundle.toByteArray());
            DurableFiles.forceDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the policy bundle in " + file + ": " + e.getMessage()
                    + " (check that the state directory is writable and the disk is not full)", e);
        }
    }

    /**
     * Moves a stored bundle that failed verification out of the way, keeping it for whoever investigates,
     * so that the next start does not report the same damage again. Returns where it went.
     */
    public Path setAside() {
        Path aside = file.resolveSibling(FILE_NAME + REJECTED_SUFFIX);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the rejected policy bundle " + file + " to " + aside + ": " + e.getMessage(), e);
        }
    }
}
