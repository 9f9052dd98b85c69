package vn.canhgac.installer.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a time limit and returns its exit status and combined output. */
record Command(int status, String output) {

    static Command run(Duration limit, Map<String, String> environment, List<String> command) {
        try {
            Path log = Files.createTempFile("canhgac-command-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    static Command run(String... command) {
        return run(Duration.ofMinutes(5), Map.of(), List.of(command));
    }

    /** The output, failing with it when the status is not 0. */
    String ok() {
        if (status != 0) {
            throw new AssertionError("exit status " + status + ":\n" + output);
        }
        return output;
    }

    static boolean available(String program) {
        return run("sh", "-c", "command -v " + program).status() == 0;
    }
}
