package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.host.HostRoot;

class ProcessScannerTest {

    static final byte[] ANYDESK = "\u007fELF pretend AnyDesk build 6.3.2".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private FixtureHost fixture() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.passwd("root:x:0:0:root:/root:/bin/bash", "an:x:1000:1000:Nguyen Van An,,,:/home/an:/bin/bash");
        return fixture;
    }

    private static Map<Long, RunningProgram> byPid(ProcessScan scan) {
        return scan.programs().stream().collect(Collectors.toMap(RunningProgram::pid, Function.identity()));
    }

    @Test
    void portableProgramRunFromAHomeDirectoryIsListedWithUserPathAndHash() {
        FixtureHost fixture = fixture();
        fixture.write("/home/an/Downloads/AnyDesk", ANYDESK);
        fixture.process(4242, 1000, 987654, "/home/an/Downloads/AnyDesk", "/home/an/Downloads/AnyDesk", "--tray");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        assertEquals(List.of(), scan.problems());
        RunningProgram anydesk = byPid(scan).get(4242L);
        assertEquals("an", anydesk.user());
        assertEquals("AnyDesk", anydesk.name());
        assertEquals("/home/an/Downloads/AnyDesk", anydesk.executable(), "a host path, never prefixed with the fixture root");
        assertEquals(FixtureHost.sha256(ANYDESK), anydesk.sha256());
        assertEquals("/home/an/Downloads/AnyDesk --tray", anydesk.commandLine());
        assertEquals(987654, anydesk.startTicks());
    }

    @Test
    void windowsProgramUnderWineIsNamedByItsArgvZero() {
        FixtureHost fixture = fixture();
        fixture.write("/usr/lib/wine/wine64-preloader", "wine");
        fixture.process(5000, 1000, 1, "/usr/lib/wine/wine64-preloader", "C:\\users\\an\\Downloads\\UltraViewer_Desktop.exe");

        RunningProgram program = byPid(new ProcessScanner(fixture.host()).scan()).get(5000L);

        assertEquals("wine64-preloader", program.name());
        assertTrue(program.names().contains("UltraViewer_Desktop.exe"), program.names().toString());
    }

    @Test
    void linksInsideTheHostRootAreFollowedThereNotOnTheAgentsMachine() {
        FixtureHost fixture = fixture();
        fixture.write("/opt/tool/bin/tool-1.2", "tool");
        fixture.link("/usr/bin/tool", "/opt/tool/bin/tool-1.2");
        fixture.process(77, 0, 1, "/usr/bin/tool", "tool");

        RunningProgram tool = byPid(new ProcessScanner(fixture.host()).scan()).get(77L);

        assertEquals("/opt/tool/bin/tool-1.2", tool.executable());
        assertEquals(FixtureHost.sha256("tool".getBytes(StandardCharsets.UTF_8)), tool.sha256());
    }

    @Test
    void kernelThreadsArePassedOver() {
        FixtureHost fixture = fixture();
        fixture.write("/proc/2/cmdline", "");
        fixture.write("/proc/2/status", "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n");
        fixture.write("/proc/2/stat", "2 (kthreadd) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 3 0 0");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        assertTrue(scan.programs().isEmpty());
        assertTrue(scan.problems().isEmpty());
    }

    @Test
    void processThatVanishesWhileReadIsAProblemAndTheScanGoesOn() {
        FixtureHost fixture = fixture();
        fixture.write("/usr/bin/sleep", "sleep");
        fixture.process(10, 0, 1, "/usr/bin/sleep", "sleep", "100");
        fixture.write("/proc/11/cmdline", "short-lived\0");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        assertEquals(List.of(10L), scan.programs().stream().map(RunningProgram::pid).toList());
        assertEquals(1, scan.problems().size());
        assertEquals("/proc/11", scan.problems().getFirst().path());
        assertTrue(scan.problems().getFirst().message().contains("exited while it was being read"));
    }

    @Test
    void unreadableExecutableIsAProblemButTheProcessIsStillListed() {
        FixtureHost fixture = fixture();
        // A directory where the executable should be: opening works, reading fails, even for root.
        fixture.write("/opt/odd/inner/file", "x");
        fixture.process(31, 1000, 1, "/opt/odd", "odd-tool");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        RunningProgram program = byPid(scan).get(31L);
        assertEquals("/opt/odd", program.executable());
        assertNull(program.sha256());
        assertEquals(1, scan.problems().size(), scan.problems().toString());
        assertTrue(scan.problems().getFirst().message().startsWith("cannot hash the executable of process 31"), scan.problems().toString());
    }

    @Test
    void fileWithoutReadPermissionIsAProblemWhenNotRoot() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads files whatever their mode; covered by the directory case");
        FixtureHost fixture = fixture();
        Path secret = fixture.write("/opt/secret-tool", "x");
        Files.setPosixFilePermissions(secret, java.util.Set.of());
        fixture.process(32, 1000, 1, "/opt/secret-tool", "secret-tool");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        assertNull(byPid(scan).get(32L).sha256());
        assertTrue(scan.problems().getFirst().message().contains("permission denied"), scan.problems().toString());
    }

    @Test
    void executableGoneFromDiskKeepsItsPathAndIsNotHashed() {
        FixtureHost fixture = fixture();
        fixture.process(40, 1000, 1, "/tmp/.x/dropper", "/tmp/.x/dropper");

        ProcessScan scan = new ProcessScanner(fixture.host()).scan();

        assertEquals("/tmp/.x/dropper", byPid(scan).get(40L).executable());
        assertNull(byPid(scan).get(40L).sha256());
        assertTrue(scan.problems().getFirst().message().contains("gone from disk"));
    }

    @Test
    void userWithoutANameShowsAsItsNumber() {
        FixtureHost fixture = fixture();
        fixture.write("/usr/bin/x", "x");
        fixture.process(50, 4321, 1, "/usr/bin/x", "x");
        assertEquals("4321", byPid(new ProcessScanner(fixture.host()).scan()).get(50L).user());
    }

    @Test
    void commandLineControlCharactersAreReplacedAndLengthIsCapped() {
        FixtureHost fixture = fixture();
        fixture.write("/usr/bin/x", "x");
        fixture.process(51, 0, 1, "/usr/bin/x", "x", "\u001b[2Jcleared", "a".repeat(10_000));
        String commandLine = byPid(new ProcessScanner(fixture.host()).scan()).get(51L).commandLine();
        assertTrue(commandLine.startsWith("x ?[2Jcleared a"), commandLine);
        assertEquals(ProcessScanner.MAX_COMMAND_LINE_CHARS, commandLine.length());
    }

    @Test
    void realProcfsListsThisJvmWithTheHashOfItsJavaBinary() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        long self = ProcessHandle.current().pid();
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();

        ProcessScan scan = new ProcessScanner(HostRoot.of(Path.of("/"))).scan();

        RunningProgram me = byPid(scan).get(self);
        assertNotNull(me, "this JVM is among the processes");
        assertEquals(java.toString(), me.executable());
        assertEquals(FixtureHost.sha256(Files.readAllBytes(java)), me.sha256());
        assertEquals(System.getProperty("user.name"), me.user());
    }

    @Test
    void realProcfsHashesAnExecutableThatWasDeletedAfterItStarted() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path sleep = Path.of("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Path copy = root.resolve("self-deleting-tool");
        Files.copy(sleep, copy);
        copy.toFile().setExecutable(true);
        Process process = new ProcessBuilder(copy.toString(), "60").start();
        try {
            Files.delete(copy);
            ProcessScan scan = new ProcessScanner(HostRoot.of(Path.of("/"))).scan();
            RunningProgram program = byPid(scan).get(process.pid());
            assertNotNull(program);
            assertEquals(copy + " (deleted)", program.executable());
            assertEquals("self-deleting-tool", program.name());
            assertEquals(FixtureHost.sha256(Files.readAllBytes(sleep.toRealPath())), program.sha256());
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
