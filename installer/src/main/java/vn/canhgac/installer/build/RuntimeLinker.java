package vn.canhgac.installer.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Links a minimal Java runtime with jlink, run in-process through {@link ToolProvider}.
 *
 * <p>The JDK on these machines ships no {@code jmods/}: its jlink links from the run-time image
 * itself (JEP 493, enabled in the Temurin 25 builds). That makes the runtime the same Java the
 * build runs on, which is also the Java the tests ran with. A JDK whose jlink can do neither
 * fails here with jlink's own message.
 */
final class RuntimeLinker {

    /** The "no compressed oops" CDS archive only serves heaps above 32 GB; our services run with far less. */
    private static final String UNUSED_CDS_ARCHIVE = "lib/server/classes_nocoops.jsa";

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private RuntimeLinker() {}

    static void link(List<String> modules, Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "this Java (" + System.getProperty("java.home") + ") has no jlink; build with a JDK 21 or newer"));
        StringWriter messages = new StringWriter();
        PrintWriter writer = new PrintWriter(messages);
        int status = jlink.run(writer, writer,
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // Class-data sharing for the runtime's own classes: faster start, and the pages are shared and file-backed.
                "--generate-cds-archive",
                "--output", output.toString());
        writer.flush();
        if (status != 0) {
            throw new IllegalStateException("jlink failed (status " + status + ") linking " + modules + " into " + output + ":\n"
                    + messages);
        }
        try {
            Files.deleteIfExists(output.resolve(UNUSED_CDS_ARCHIVE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + output.resolve(UNUSED_CDS_ARCHIVE) + ": " + e.getMessage(), e);
        }
        stripNativeCode(output);
    }

    /**
     * Strips the symbol tables from the runtime's executables and shared libraries, as Debian's
     * dh_strip does (jlink's own --strip-native-debug-symbols does nothing when linking from the
     * run-time image). Saves about 5 MB and is what lintian asks of a package. Needs binutils'
     * {@code strip}; without it the runtime stays as linked and the build says so.
     */
    private static void stripNativeCode(Path runtime) {
        List<String> command = new ArrayList<>(List.of("strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note"));
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(Files::isRegularFile).filter(RuntimeLinker::isElf).map(Path::toString).forEach(command::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runtime + ": " + e.getMessage(), e);
        }
        try {
            Process strip = new ProcessBuilder(command).inheritIO().start();
            if (strip.waitFor() != 0) {
                throw new IllegalStateException("strip failed (status " + strip.exitValue() + ") on the runtime in " + runtime);
            }
        } catch (IOException e) {
            System.err.println("[canhgac] WARNING: cannot run strip (" + e.getMessage() + "); the runtime in " + runtime
                    + " keeps its symbol tables and lintian will flag them. Install binutils.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stripping " + runtime, e);
        }
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
