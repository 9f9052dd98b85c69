package vn.canhgac.agent.software;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.canhgac.protocol.policy.SoftwareRules.Subject;

/** What the shared {@code SoftwareRules} match: an installed package or a running process, as the agent reads them. */
public final class SoftwareSubjects {

    private SoftwareSubjects() {}

    public static Subject of(SoftwareItem item) {
        Set<String> names = new LinkedHashSet<>();
        names.add(item.name());
        int colon = item.name().indexOf(':');
        if (item.source().equals("dpkg") && colon > 0) {
            // "libfoo:amd64" is still "libfoo" to whoever wrote the rule.
            names.add(item.name().substring(0, colon));
        }
        return new Subject(List.copyOf(names), item.publisher(), item.path(), null, false);
    }

    public static Subject of(RunningProgram program) {
        return new Subject(program.names(), null, program.executable(), program.sha256(), true);
    }
}
