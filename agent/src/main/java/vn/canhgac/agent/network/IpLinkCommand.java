package vn.canhgac.agent.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ip link set dev DEVICE down}, run directly (no shell), with a time limit. A command
 * prefix lets a test run it inside a network namespace ({@code ip netns exec NS}); the agent
 * uses none.
 */
public final class IpLinkCommand implements LinkController {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_OUTPUT_BYTES = 4096;
    /** What the kernel allows in an interface name; anything else never reaches a command line. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    private final List<String> prefix;

    /** @param prefix words put before {@code ip link …}; empty on the host itself */
    public IpLinkCommand(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public static IpLinkCommand onThisHost() {
        return new IpLinkCommand(List.of());
    }

    @Override
    public Outcome bringDown(String device) {
        if (!DEVICE.matcher(device).matches() || device.startsWith("-")) {
            return new Outcome(false, "refused: \"" + device + "\" is not an interface name the kernel would accept");
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("ip", "link", "set", "dev", device, "down"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Outcome(false, "could not run " + String.join(" ", command) + ": " + e.getMessage()
                    + " (install iproute2, or bring the interface down by hand)");
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            String output = output(process.getInputStream());
            return process.exitValue() == 0
                    ? new Outcome(true, "ip link set dev " + device + " down")
                    : new Outcome(false, String.join(" ", command) + " failed with exit " + process.exitValue()
                            + (output.isEmpty() ? "" : ": " + output));
        } catch (IOException e) {
            process.destroyForcibly();
            return new Outcome(false, "could not talk to " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted while bringing " + device + " down");
        }
    }

    private static String output(InputStream stream) {
        try (stream) {
            return new String(stream.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "";
        }
    }
}
