package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an OS tool (rpm, reg.exe) with a time limit. Output goes to temporary files (mode
 * 0600), not pipes, so nothing can deadlock and the limit holds even if the tool stalls; both
 * files are deleted on {@link #close}.
 */
final class ToolRun implements AutoCloseable {

    private final int exitCode;
    private final Path output;
    private final Path errors;

    private ToolRun(int exitCode, Path output, Path errors) {
        this.exitCode = exitCode;
        this.output = output;
        this.errors = errors;
    }

    /**
     * Runs the command to its end.
     *
     * @throws IOException if it cannot start or does not finish within {@code timeout} (it is then killed)
     */
    static ToolRun run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("canhgac-tool", ".out");
        Path errors = null;
        try {
            errors = Files.createTempFile("canhgac-tool", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            // No input for the tool: closed at once, which works on Windows too (no /dev/null there).
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeout.toSeconds() + " s and was stopped");
            }
            return new ToolRun(process.exitValue(), output, errors);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteQuietly(output);
            deleteQuietly(errors);
            throw e;
        }
    }

    int exitCode() {
        return exitCode;
    }

    /** Standard output, failing past {@code maxBytes}. */
    InputStream output(long maxBytes, String what) throws IOException {
        return HostFiles.limit(Files.newInputStream(output), maxBytes, what);
    }

    /** The start of standard error, cleaned for a message. */
    String errors() throws IOException {
        try (InputStream in = Files.newInputStream(errors)) {
            return Text.clean(new String(in.readNBytes(2000), StandardCharsets.UTF_8), 500);
        }
    }

    @Override
    public void close() {
        deleteQuietly(output);
        deleteQuietly(errors);
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left in the temp directory is harmless; the tool's answer matters more.
            }
        }
    }
}
