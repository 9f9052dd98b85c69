package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.tls.Fingerprints;

/** Writes a fixture host root: files at host paths, dpkg status, and /proc entries of pretend processes. */
final class FixtureHost {

    private final Path root;

    FixtureHost(Path root) {
        this.root = root;
    }

    HostRoot host() {
        return HostRoot.of(root);
    }

    Path root() {
        return root;
    }

    Path write(String hostPath, String content) {
        return write(hostPath, content.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String hostPath, byte[] content) {
        try {
            Path file = root.resolve(hostPath.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void link(String hostPath, String target) {
        try {
            Path link = root.resolve(hostPath.substring(1));
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a test resource to a host path. */
    Path copyResource(String resource, String hostPath) {
        try (InputStream in = FixtureHost.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Path file = root.resolve(hostPath.substring(1));
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture status file: a few hundred entries copied from a real Debian 12 machine, plus injected remote-control packages. */
    Path realDpkgStatus() {
        return copyResource("/software/dpkg/status", DpkgSource.STATUS);
    }

    void passwd(String... lines) {
        write("/etc/passwd", String.join("\n", lines) + "\n");
    }

    /** A running process: cmdline, status (Name, Uid), stat (start time) and the exe link. */
    void process(long pid, int uid, long startTicks, String exeTarget, String... args) {
        String base = "/proc/" + pid;
        write(base + "/cmdline", String.join("\0", args) + "\0");
        String comm = args.length == 0 ? "?" : args[0].substring(args[0].lastIndexOf('/') + 1);
        write(base + "/status", "Name:\t" + comm + "\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t"
                + uid + "\n");
        write(base + "/stat", pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 "
                + startTicks + " 1000000 100 18446744073709551615");
        if (exeTarget != null) {
            link(base + "/exe", exeTarget);
        }
    }

    static String sha256(byte[] content) {
        return Fingerprints.sha256Hex(content);
    }
}
