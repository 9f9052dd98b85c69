package vn.canhgac.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRootTest {

    @TempDir
    Path root;

    private HostRoot host() {
        return HostRoot.of(root);
    }

    private Path write(String hostPath, String content) throws IOException {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private void link(String hostPath, String target) throws IOException {
        Path link = root.resolve(hostPath.substring(1));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    @Test
    void resolveMapsAHostPathUnderTheRootWithoutTouchingTheDisk() {
        assertEquals(root.resolve("proc/1/exe"), host().resolve("/proc/1/exe"));
        assertEquals(root.resolve("etc/hostname"), host().resolve("//etc/./hostname"));
        assertEquals(root.resolve("proc/x"), host().resolve("/etc/../proc/x"));
        assertEquals(root, host().resolve("/"));
    }

    @Test
    void dotDotCannotEscapeTheHostRoot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> host().resolve("/../etc/passwd"));
        assertTrue(e.getMessage().contains("climbs above"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> host().resolve("/etc/../../secret"));
        assertThrows(IllegalArgumentException.class, () -> host().readString("/a/../../x", 10));
        assertThrows(IllegalArgumentException.class, () -> host().exists("/.."));
    }

    @Test
    void relativeHostPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> host().resolve("etc/hostname"));
        assertTrue(e.getMessage().contains("must be absolute"), e.getMessage());
    }

    @Test
    void hostPathIsTheInverseOfResolve() {
        assertEquals("/home/a/x", host().hostPath(root.resolve("home/a/x")));
        assertEquals("/", host().hostPath(root));
        assertEquals("/proc/1/exe", host().hostPath(host().resolve("/proc/1/exe")));
    }

    @Test
    void hostPathRefusesAPathOutsideTheRoot() {
        assertThrows(IllegalArgumentException.class,
                () -> host().hostPath(root.resolveSibling("elsewhere")));
        assertThrows(IllegalArgumentException.class,
                () -> host().hostPath(root.resolve("../elsewhere")));
    }

    @Test
    void absoluteSymlinkIsResolvedInsideTheHostRoot() throws IOException {
        Path tool = write("/usr/bin/anydesk", "binary");
        link("/proc/4242/exe", "/usr/bin/anydesk");

        Optional<Path> target = host().resolveLink("/proc/4242/exe");

        assertEquals(Optional.of(tool), target);
        assertEquals("/usr/bin/anydesk", host().hostPath(target.orElseThrow()));
    }

    @Test
    void absoluteSymlinkIsReadFromTheFixtureNotFromTheAgentsOwnFileSystem() throws IOException {
        // /etc/hostname exists on the build machine with other content; the link must not reach it.
        write("/srv/hostname", "fixture-host\n");
        link("/etc/name", "/srv/hostname");
        link("/etc/leak", "/etc/hostname");

        assertEquals(Optional.of("fixture-host"), host().readString("/etc/name", 100));
        assertEquals(Optional.empty(), host().readString("/etc/leak", 100));
        assertFalse(host().exists("/etc/leak"));
    }

    @Test
    void dotDotInALinkTargetStopsAtTheHostRoot() throws IOException {
        write("/etc/shadow", "fixture");
        link("/var/lib/escape", "../../../../../../../../etc/shadow");
        link("/var/lib/escape-abs", "/../../etc/shadow");

        assertEquals(Optional.of(root.resolve("etc/shadow")), host().resolveLink("/var/lib/escape"));
        assertEquals(Optional.of(root.resolve("etc/shadow")),
                host().resolveLink("/var/lib/escape-abs"));
    }

    @Test
    void directoryLinkInTheMiddleOfAPathIsFollowedInsideTheRoot() throws IOException {
        write("/usr/lib/os-release", "NAME=Debian");
        link("/lib", "/usr/lib");

        assertEquals(Optional.of("NAME=Debian"), host().readString("/lib/os-release", 100));
        assertEquals(Optional.of(root.resolve("usr/lib/os-release")),
                host().resolveLink("/lib/os-release"));
    }

    @Test
    void relativeSymlinkChainIsFollowed() throws IOException {
        Path file = write("/opt/app/real", "x");
        link("/opt/app/b", "real");
        link("/opt/a", "app/b");

        assertEquals(Optional.of(file), host().resolveLink("/opt/a"));
    }

    @Test
    void pathThatIsNotALinkResolvesToItself() throws IOException {
        Path file = write("/etc/machine-id", "x");

        assertEquals(Optional.of(file), host().resolveLink("/etc/machine-id"));
    }

    @Test
    void missingOrDanglingLinkGivesEmpty() throws IOException {
        link("/proc/7/exe", "/usr/bin/deleted (deleted)");
        write("/etc/file", "x");

        assertEquals(Optional.empty(), host().resolveLink("/proc/8/exe"));
        assertEquals(Optional.empty(), host().resolveLink("/proc/7/exe"));
        assertEquals(Optional.empty(), host().resolveLink("/etc/file/below-a-file"));
        assertFalse(host().exists("/proc/7/exe"));
    }

    @Test
    void symlinkLoopGivesEmptyInsteadOfHanging() throws IOException {
        link("/a", "/b");
        link("/b", "/a");

        assertEquals(Optional.empty(), host().resolveLink("/a"));
        assertEquals(Optional.empty(), host().readString("/a", 10));
    }

    @Test
    void chainsOfFortyLinksAreFollowedButNotLonger() throws IOException {
        Path file = write("/target", "end");
        for (int i = 1; i <= 41; i++) {
            link("/l" + i, i == 1 ? "/target" : "/l" + (i - 1));
        }

        assertEquals(Optional.of(file), host().resolveLink("/l40"));
        assertEquals(Optional.empty(), host().resolveLink("/l41"));
    }

    @Test
    void readStringTrimsTrailingLineBreaksOnly() throws IOException {
        write("/proc/sys/kernel/hostname", "  ubnd-xa-01 \r\n\n");

        assertEquals(Optional.of("  ubnd-xa-01 "), host().readString("/proc/sys/kernel/hostname", 100));
    }

    @Test
    void readStringNeverReadsMoreThanMaxBytes() throws IOException {
        write("/var/log/huge", "a".repeat(100_000));

        assertEquals(Optional.of("a".repeat(64)), host().readString("/var/log/huge", 64));
    }

    @Test
    void readStringOfAnEndlessFileStopsAtMaxBytes() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");

        Optional<String> zeros = HostRoot.of(Path.of("/")).readString("/dev/zero", 16);

        assertEquals(Optional.of("\0".repeat(16)), zeros);
    }

    @Test
    void readStringDecodesUtf8() throws IOException {
        write("/etc/hostname", "máy-mật-01\n");

        assertEquals(Optional.of("máy-mật-01"), host().readString("/etc/hostname", 100));
    }

    @Test
    void readStringOfAMissingFileIsEmpty() {
        assertEquals(Optional.empty(), host().readString("/etc/os-release", 100));
    }

    @Test
    void readStringOfADirectoryFailsNamingTheHostPath() throws IOException {
        Files.createDirectories(root.resolve("etc/hostname"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> host().readString("/etc/hostname", 100));
        assertTrue(e.getMessage().contains("/etc/hostname"), e.getMessage());
    }

    @Test
    void readStringRefusesANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> host().readString("/etc/hostname", 0));
    }

    @Test
    void existsFollowsLinksInsideTheRoot() throws IOException {
        write("/usr/lib/os-release", "x");
        link("/etc/os-release", "/usr/lib/os-release");

        assertTrue(host().exists("/etc/os-release"));
        assertTrue(host().exists("/usr/lib"));
        assertFalse(host().exists("/etc/missing"));
    }

    @Test
    void listFollowsLinksInsideTheRootSortsAndStopsAtTheCap() throws IOException {
        write("/var/data/c", "x");
        write("/var/data/a", "x");
        write("/var/data/b", "x");
        link("/srv/data", "/var/data");

        assertEquals(List.of("a", "b", "c"), host().list("/srv/data", 10));
        assertEquals(2, host().list("/srv/data", 2).size());
        assertEquals(List.of(), host().list("/srv/missing", 10));
        assertEquals(List.of(), host().list("/var/data/a", 10));
    }

    @Test
    void machineRootResolvesProcSelfLikeTheKernel() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");

        Optional<Path> self = HostRoot.of(Path.of("/")).resolveLink("/proc/self");

        assertEquals(Optional.of(Path.of("/proc", String.valueOf(ProcessHandle.current().pid()))),
                self);
    }

    @Test
    void machineRootMapsHostPathsToThemselves() {
        HostRoot machine = HostRoot.of(Path.of("/"));

        assertEquals(Path.of("/etc/hostname"), machine.resolve("/etc/hostname"));
        assertEquals("/etc/hostname", machine.hostPath(Path.of("/etc/hostname")));
        assertThrows(IllegalArgumentException.class, () -> machine.resolve("/../etc"));
    }

    @Test
    void rootMustBeAnExistingDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostRoot.of(root.resolve("missing")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }
}
