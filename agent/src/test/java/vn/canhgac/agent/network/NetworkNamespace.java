package vn.canhgac.agent.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace of the test's own ({@code ip netns add cg-test-…}): interfaces made and
 * changed in it never touch the host's. {@link #snapshotInto} copies what the kernel shows inside
 * it (sysfs, /proc/net) into a fixture host root, so the agent judges real kernel output.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkNamespace.class);

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Empty, with the reason logged, when namespaces cannot be made here (not root, no iproute2, a restricted container). */
    static Optional<NetworkNamespace> create() {
        String name = "cg-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Result result = run(List.of("ip", "netns", "add", name));
        if (result.exit() != 0) {
            log.warn("event=test.netns_unavailable reason=\"{}\" (needs root and iproute2; CI runs as root)", result.output());
            return Optional.empty();
        }
        return Optional.of(new NetworkNamespace(name));
    }

    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a command inside the namespace and returns its output; fails the test when it fails. */
    String exec(String... command) {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(command));
        Result result = run(full);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed (exit " + result.exit() + "): " + result.output());
        }
        return result.output();
    }

    /** Whether IFF_UP is set on the interface inside the namespace. */
    boolean isUp(String device) {
        return (Integer.decode(exec("cat", "/sys/class/net/" + device + "/flags").strip()) & 1) != 0;
    }

    /** Writes the namespace's interfaces and routing files into {@code root}, as a fixture host root. */
    void snapshotInto(Path root) {
        for (String device : exec("ls", "/sys/class/net").strip().split("\\s+")) {
            for (String attribute : List.of("type", "operstate", "flags", "carrier", "uevent")) {
                List<String> command = new ArrayList<>(prefix());
                command.addAll(List.of("cat", "/sys/class/net/" + device + "/" + attribute));
                Result result = run(command);
                if (result.exit() == 0) {
                    write(root.resolve("sys/class/net/" + device + "/" + attribute), result.output());
                }
            }
        }
        for (String file : List.of("route", "ipv6_route", "fib_trie", "if_inet6")) {
            write(root.resolve("proc/net/" + file), exec("cat", "/proc/net/" + file));
        }
    }

    @Override
    public void close() {
        Result result = run(List.of("ip", "netns", "del", name));
        if (result.exit() != 0) {
            log.warn("event=test.netns_cleanup_failed netns={} output=\"{}\"", name, result.output());
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
