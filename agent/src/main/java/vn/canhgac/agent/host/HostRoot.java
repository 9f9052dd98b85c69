package vn.canhgac.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine's file system as the agent sees it: every read of the OS goes through here, so
 * a collector runs unchanged against the real machine ({@code HostRoot.of(Path.of("/"))}) and
 * against a fixture tree written by a test.
 *
 * <p>Host paths are the machine's own absolute paths ("/proc/1/exe"); they are what events
 * carry. {@link #resolve} maps one to a {@link Path} under the root without touching the
 * disk, and {@link #hostPath} maps back.
 *
 * <p>Implementation notes: symbolic links are followed one component at a time with the root
 * acting as "/" (like {@code openat2(RESOLVE_IN_ROOT)}), so an absolute link such as
 * {@code /etc/os-release -> /usr/lib/os-release} in a fixture never reads the agent's own
 * {@code /usr/lib/os-release}, and ".." in a link target stops at the root. For the real root
 * this gives the kernel's own answer, so both cases share one code path. Only "no such file"
 * counts as missing; any other failure (permission denied, I/O error) is reported, because
 * a collector must not mistake "could not look" for "not there". Instances are immutable and
 * safe to share between threads.
 */
public final class HostRoot {

    /** Linux's own limit on links followed while resolving one path (MAXSYMLINKS). */
    static final int MAX_LINK_HOPS = 40;

    private final Path root;

    private HostRoot(Path root) {
        this.root = root;
    }

    /**
     * @param root the directory that stands for the host's "/": {@code Path.of("/")} for the
     *     real machine, or a fixture directory
     */
    public static HostRoot of(Path root) {
        Objects.requireNonNull(root, "root");
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(
                    "host root " + absolute + " is not a directory; pass \"/\" for this machine"
                            + " or an existing fixture directory");
        }
        return new HostRoot(absolute);
    }

    public Path root() {
        return root;
    }

    /**
     * Maps a host path to the corresponding path under the root, lexically: nothing is read
     * and links are not followed. "." and ".." are folded first, and a ".." that would climb
     * above the host's "/" is refused rather than clamped, because it only comes from a bug or
     * from hostile input.
     *
     * @throws IllegalArgumentException if the path is not absolute or escapes the root
     */
    public Path resolve(String hostPath) {
        return underRoot(normalize(hostPath));
    }

    /**
     * The inverse of {@link #resolve}: {@code root/home/a/x} becomes {@code "/home/a/x"}.
     *
     * @throws IllegalArgumentException if the path does not lie under the root
     */
    public String hostPath(Path resolved) {
        Objects.requireNonNull(resolved, "resolved");
        Path absolute = resolved.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException(
                    "path " + absolute + " is outside the host root " + root);
        }
        // Windows keeps "C:\..." host paths; this join is Unix-only like the rest of this class.
        StringBuilder host = new StringBuilder();
        for (Path name : root.relativize(absolute)) {
            if (!name.toString().isEmpty()) {
                host.append('/').append(name);
            }
        }
        return host.isEmpty() ? "/" : host.toString();
    }

    /**
     * Follows the symbolic link (or chain of links) at {@code hostPath} inside the root and
     * returns the path it finally names, under the root. An absolute target is taken relative
     * to the root, not to the agent's own file system. A path that is not a link resolves to
     * itself.
     *
     * @return empty if the path, or any target along the chain, does not exist, or if more than
     *     {@value #MAX_LINK_HOPS} links had to be followed (a loop)
     * @throws UncheckedIOException if a component cannot be read for another reason, such as
     *     permission denied
     */
    public Optional<Path> resolveLink(String hostPath) {
        return locate(hostPath);
    }

    /**
     * Reads a small text file: UTF-8 (malformed bytes become U+FFFD), trailing line breaks
     * removed. Reads at most {@code maxBytes} bytes, so a huge or endless file (/dev/zero, a
     * pseudo-file) cannot exhaust memory; longer content is cut at that length.
     *
     * @return empty if the file does not exist
     * @throws UncheckedIOException if the file exists but cannot be read, naming the host path
     */
    public Optional<String> readString(String hostPath, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxBytes must be positive (got " + maxBytes + ") when reading " + hostPath);
        }
        Optional<Path> file = locate(hostPath);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file.get())) {
            bytes = in.readNBytes(maxBytes);
        } catch (NoSuchFileException e) {
            // Removed between locate() and open(): /proc entries of exiting processes do this.
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read host file " + hostPath + " (at " + file.get() + "): " + e, e);
        }
        return Optional.of(stripTrailingLineBreaks(new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * The names in a host directory, following links inside the root, sorted; at most
     * {@code max} of them, so a hostile or runaway directory cannot exhaust memory.
     *
     * @return empty if the directory does not exist or is not a directory
     * @throws UncheckedIOException if it exists but cannot be listed, naming the host path
     */
    public List<String> list(String hostDirectory, int max) {
        Optional<Path> directory = locate(hostDirectory);
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.get())) {
            for (Path entry : entries) {
                if (names.size() >= max) {
                    break;
                }
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list host directory " + hostDirectory + ": " + e
                    + " (check that the agent runs with enough privileges to read it)", e);
        }
        names.sort(null);
        return names;
    }

    /** Whether the host path exists, following links inside the root. */
    public boolean exists(String hostPath) {
        return locate(hostPath).isPresent();
    }

    @Override
    public String toString() {
        return "HostRoot[" + root + "]";
    }

    /** Resolves every link along the path inside the root; empty if something is missing. */
    private Optional<Path> locate(String hostPath) {
        Deque<String> pending = new ArrayDeque<>(normalize(hostPath));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                // Link targets may say ".." at the top; like a chroot, the root is its own parent.
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            resolved.add(name);
            Path candidate = underRoot(resolved);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(
                        candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw unreadable(hostPath, e);
            }
            if (!attributes.isSymbolicLink()) {
                if (!attributes.isDirectory() && !pending.isEmpty()) {
                    // "file/more": nothing lies below a file. Checked here because the JDK
                    // reports ENOTDIR with no exception type of its own, only a message.
                    return Optional.empty();
                }
                continue;
            }
            if (++hops > MAX_LINK_HOPS) {
                return Optional.empty();
            }
            String target;
            try {
                target = Files.readSymbolicLink(candidate).toString();
            } catch (IOException e) {
                throw unreadable(hostPath, e);
            }
            resolved.removeLast();
            if (target.startsWith("/")) {
                resolved.clear();
            }
            String[] targetNames = target.split("/");
            for (int i = targetNames.length - 1; i >= 0; i--) {
                pending.addFirst(targetNames[i]);
            }
        }
        return Optional.of(underRoot(resolved));
    }

    private Path underRoot(List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    /** Splits an absolute host path into names with "." and ".." folded away. */
    private static List<String> normalize(String hostPath) {
        Objects.requireNonNull(hostPath, "hostPath");
        // Windows host paths ("C:\\...") would need their own mapping; this agent build is Linux.
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "host path must be absolute, starting with \"/\" (got \"" + hostPath + "\")");
        }
        if (hostPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("host path contains a NUL character: " + hostPath);
        }
        List<String> names = new ArrayList<>();
        for (String name : hostPath.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new IllegalArgumentException(
                            "host path \"" + hostPath + "\" climbs above \"/\" with \"..\"");
                }
                names.removeLast();
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static UncheckedIOException unreadable(String hostPath, IOException e) {
        return new UncheckedIOException(
                "cannot resolve host path " + hostPath + ": " + e
                        + " (check that the agent runs with enough privileges to read it)",
                e);
    }

    private static String stripTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
