package vn.canhgac.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Secrets a person types at the console (never echoed) or a script puts in a file. Commands take
 * a file option for unattended use and ask on the terminal otherwise; they never take a secret
 * as a command-line argument, which every user of the machine can read in the process list.
 */
public final class ConsoleInput {
    private static final long MAX_SECRET_FILE_BYTES = 4 * 1024;

    private ConsoleInput() {}

    /**
     * The first line of a small file (a trailing newline is not part of the secret).
     *
     * @param what named in errors, e.g. {@code --password-file}
     */
    public static String readSecretFile(Path file, String what) {
        try {
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                throw new IllegalArgumentException(what + " " + file + " is larger than " + MAX_SECRET_FILE_BYTES
                        + " bytes; it must hold only the secret, on one line");
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).replace("\r", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** A line typed on the terminal, echoed. */
    public static String ask(String prompt, String alternative) {
        String line = console(alternative).readLine("%s", prompt);
        if (line == null) {
            throw new IllegalStateException("no answer was typed (end of input); " + alternative);
        }
        return line.strip();
    }

    /** A secret typed on the terminal, not echoed. */
    public static String askSecret(String prompt, String alternative) {
        char[] typed = console(alternative).readPassword("%s", prompt);
        if (typed == null) {
            throw new IllegalStateException("no answer was typed (end of input); " + alternative);
        }
        String secret = new String(typed);
        Arrays.fill(typed, '\0');
        return secret;
    }

    /** A new secret typed twice; the two must match. */
    public static String askNewSecret(String prompt, String alternative) {
        String first = askSecret(prompt, alternative);
        String second = askSecret("Again: ", alternative);
        if (!first.equals(second)) {
            throw new IllegalStateException("the two entries differ; nothing was changed, run the command again");
        }
        return first;
    }

    /** @param alternative what to do without a terminal, e.g. "pass --password-file FILE" */
    private static Console console(String alternative) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalStateException("there is no terminal to ask on; " + alternative);
        }
        return console;
    }
}
