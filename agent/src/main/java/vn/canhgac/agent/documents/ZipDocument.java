package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip-based document (.docx, .xlsx, .odt) opened with limits. Only the parts the scanner needs
 * are ever inflated, so images and embedded objects cost nothing. A zip bomb is refused before
 * expansion by the sizes its directory declares (total, and compression ratio), and cut off by
 * the shared {@link GuardedInputStream.Budget} if it lies about them.
 */
final class ZipDocument implements AutoCloseable {

    /** Real document XML compresses 5-50:1; far beyond that on a large part is a bomb, not text. */
    static final int MAX_RATIO = 100;
    static final long RATIO_GRACE_BYTES = 16 * ScanLimits.MIB;

    private final ZipFile zip;
    private final GuardedInputStream.Budget budget;
    private final Deadline deadline;

    private ZipDocument(ZipFile zip, GuardedInputStream.Budget budget, Deadline deadline) {
        this.zip = zip;
        this.budget = budget;
        this.deadline = deadline;
    }

    static ZipDocument open(Path file, ScanLimits limits, Deadline deadline) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new DocumentException("not a readable zip container (truncated or corrupt): " + e.getMessage());
        } catch (IOException e) {
            throw new DocumentException("cannot open: " + DocumentReader.describe(e, file));
        }
        if (zip.size() > limits.maxZipEntries()) {
            closeQuietly(zip);
            throw new DocumentException("zip container lists " + zip.size() + " entries, more than the limit of "
                    + limits.maxZipEntries() + ": not read");
        }
        return new ZipDocument(zip, new GuardedInputStream.Budget(limits.maxExpandedBytes()), deadline);
    }

    boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /** Names of the entries in one folder ("word/") whose file name starts with {@code prefix} and ends in .xml. */
    List<String> parts(String folder, String prefix) {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(folder + prefix) && name.endsWith(".xml") && name.indexOf('/', folder.length()) < 0) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Opens a part for reading within the document's budget.
     *
     * @return null if the part does not exist
     * @throws DocumentException if the part declares more than the budget left or a bomb's compression ratio
     */
    InputStream open(String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            return null;
        }
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size > budget.remaining()) {
            throw new DocumentException("part " + name + " declares " + size / ScanLimits.MIB + " MiB expanded, over the limit of "
                    + budget.limit() / ScanLimits.MIB + " MiB for one document (a zip bomb?): not read");
        }
        if (size > RATIO_GRACE_BYTES && compressed > 0 && size / compressed > MAX_RATIO) {
            throw new DocumentException("part " + name + " is compressed " + size / compressed + ":1, beyond any real document"
                    + " (a zip bomb?): not read");
        }
        try {
            return new GuardedInputStream(zip.getInputStream(entry), budget, deadline, "part " + name);
        } catch (ZipException e) {
            throw new DocumentException("part " + name + " cannot be inflated (corrupt zip): " + e.getMessage());
        } catch (IOException e) {
            throw new DocumentException("part " + name + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // Closing a read-only zip cannot lose anything; the scan result stands.
        }
    }
}
