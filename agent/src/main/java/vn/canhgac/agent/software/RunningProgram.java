package vn.canhgac.agent.software;

import java.util.List;

/**
 * One running process as the scan saw it. Fields the scan could not learn are null.
 *
 * @param startTicks when the process started, in clock ticks since boot ({@code /proc/PID/stat}
 *                   field 22): with the pid, it tells this process from a later one that reuses the pid
 * @param user       the account name of the process's real user id, or the number if it has no name
 * @param names      the names a policy's name rules are matched against, most telling first: the
 *                   executable's file name, the file name in argv[0] (a Wine "C:\...\AnyDesk.exe"),
 *                   and the kernel's short name (a script's name)
 * @param executable the executable's host path as the process sees it ("/tmp/x (deleted)" once removed)
 * @param sha256     of the executable's content, lower-case hex
 */
public record RunningProgram(long pid, long startTicks, String user, List<String> names, String commandLine, String executable,
                             String sha256) {

    public RunningProgram {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a running program needs at least one name (pid " + pid + ")");
        }
    }

    /** The name shown in findings and events. */
    public String name() {
        return names.getFirst();
    }
}
