package vn.canhgac.installer.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code /usr/share/doc/PACKAGE/changelog.gz} every Debian package carries: one entry for
 * the version being built. The project's history is in git; this entry points there.
 */
final class DebianChangelog {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private static final int GZIP_XFL_OFFSET = 8;
    private static final byte GZIP_XFL_MAXIMUM = 2;

    private DebianChangelog() {}

    static String entry(String packageName, String debianVersion, ZonedDateTime date) {
        return packageName + " (" + debianVersion + ") unstable; urgency=medium\n\n"
                + "  * Built from the Canh Gác source tree; the history is its git log.\n\n"
                + " -- " + Maintainer.NAME_AND_ADDRESS + "  " + RFC_5322.format(date) + "\n";
    }

    /**
     * Writes the entry gzip-compressed at the highest level. Java's gzip header carries no timestamp, as
     * Debian asks, but always says "default compression" in its XFL byte; Debian's tools read that byte,
     * so it is set to 2 ("maximum compression"), which is what the stream is.
     */
    static void write(Path file, String entry) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                out.write(entry.getBytes(StandardCharsets.UTF_8));
            }
            byte[] gzip = bytes.toByteArray();
            gzip[GZIP_XFL_OFFSET] = GZIP_XFL_MAXIMUM;
            Files.createDirectories(file.getParent());
            Files.write(file, gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
