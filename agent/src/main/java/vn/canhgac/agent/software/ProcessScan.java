package vn.canhgac.agent.software;

import java.util.List;

/** The running programs one scan of {@code /proc} found, and what it could not read. */
public record ProcessScan(List<RunningProgram> programs, List<ScanProblem> problems) {

    public ProcessScan {
        programs = List.copyOf(programs);
        problems = List.copyOf(problems);
    }
}
