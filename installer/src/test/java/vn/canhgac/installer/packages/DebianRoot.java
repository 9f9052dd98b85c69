package vn.canhgac.installer.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Debian root made by debootstrap inside a test's folder, and commands run in it through
 * chroot. Each command runs in new mount and PID namespaces with its own /proc (the JVM finds its
 * libraries through /proc/self/exe): when the command ends, its mounts and any process it left
 * behind go with the namespaces, so nothing leaks onto the machine.
 *
 * <p>The base system is downloaded once from the machine's own Debian mirror (the first URI in its
 * apt sources, or {@code CANHGAC_DEBIAN_MIRROR}) and kept as a tarball in
 * {@code ~/.cache/canhgac/}, so later runs unpack it without the network.
 */
final class DebianRoot {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Path root;

    private DebianRoot(Path root) {
        this.root = root;
    }

    /** Why this machine cannot make a chroot, or empty when it can. */
    static Optional<String> unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("needs root (debootstrap, chroot, mount namespaces); running as " + System.getProperty("user.name"));
        }
        for (String program : List.of("debootstrap", "chroot", "unshare", "dpkg-deb")) {
            if (!Command.available(program)) {
                return Optional.of(program + " is not installed (.ci/run installs debootstrap: apt-get install debootstrap)");
            }
        }
        Command namespaces = Command.run("unshare", "--mount", "--pid", "--fork", "true");
        if (namespaces.status() != 0) {
            return Optional.of("this machine does not allow mount/PID namespaces: " + namespaces.output().strip());
        }
        if (suite().isEmpty()) {
            return Optional.of("cannot tell this machine's Debian release from /etc/os-release (VERSION_CODENAME)");
        }
        if (!Files.exists(tarball()) && mirror().isEmpty()) {
            return Optional.of("no cached base system in " + tarball() + " and no Debian mirror in /etc/apt or CANHGAC_DEBIAN_MIRROR");
        }
        return Optional.empty();
    }

    static DebianRoot create(Path root) {
        Path tarball = tarball();
        String suite = suite().orElseThrow();
        String mirror = mirror().orElse("unused-with-a-tarball");
        try {
            Files.createDirectories(tarball.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(tarball)) {
            Path partial = tarball.resolveSibling(tarball.getFileName() + ".partial");
            Command.run(LIMIT, Map.of(), List.of("debootstrap", "--variant=minbase", "--make-tarball=" + partial, suite,
                    root.resolveSibling("debootstrap-download").toString(), mirror)).ok();
            try {
                Files.move(partial, tarball);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Command.run(LIMIT, Map.of(), List.of("debootstrap", "--variant=minbase", "--unpack-tarball=" + tarball, suite, root.toString(),
                mirror)).ok();
        return new DebianRoot(root);
    }

    /** Runs a shell script as root inside the chroot; returns its status and output. */
    Command sh(String script) {
        return Command.run(LIMIT, Map.of(), List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc=" + root.resolve("proc"),
                "chroot", root.toString(), "/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
                "/bin/sh", "-c", script));
    }

    /** A path inside the chroot, seen from outside. */
    Path path(String inside) {
        return root.resolve(inside.startsWith("/") ? inside.substring(1) : inside);
    }

    Path root() {
        return root;
    }

    static Path tarball() {
        return Path.of(System.getProperty("user.home"), ".cache", "canhgac", "debootstrap-" + suite().orElse("unknown") + "-minbase.tgz");
    }

    static Optional<String> suite() {
        try {
            Matcher codename = Pattern.compile("(?m)^VERSION_CODENAME=\"?([a-z]+)\"?$").matcher(Files.readString(Path.of("/etc/os-release")));
            return codename.find() ? Optional.of(codename.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** CANHGAC_DEBIAN_MIRROR, else the first Debian archive URI in this machine's apt sources. */
    static Optional<String> mirror() {
        String configured = System.getenv("CANHGAC_DEBIAN_MIRROR");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        Pattern uri = Pattern.compile("(?m)^(?:URIs:\\s*|deb\\s+(?:\\[[^]]*]\\s+)?)(\\S+/debian/?)\\s*");
        for (Path sources : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
            try {
                if (Files.isRegularFile(sources)) {
                    Matcher matcher = uri.matcher(Files.readString(sources));
                    if (matcher.find()) {
                        return Optional.of(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                // Try the next file.
            }
        }
        return Optional.empty();
    }
}
