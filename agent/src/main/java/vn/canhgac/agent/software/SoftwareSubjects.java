package vn.canhgac.agent.software;

import vn.canhgac.protocol.policy.SoftwareRules.Subject;

/** What the shared {@code SoftwareRules} match: an installed package or a running process, as the agent reads them. */
public final class SoftwareSubjects {

    private SoftwareSubjects() {}

    public static Subject of(SoftwareItem item) {
        return Subject.ofPackage(item.source(), item.name(), item.publisher(), item.path());
    }

    public static Subject of(RunningProgram program) {
        return Subject.ofProcess(program.names(), program.executable(), program.sha256());
    }
}
