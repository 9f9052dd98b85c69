package vn.canhgac.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhgac.agent.audit.Audit;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditReport;
import vn.canhgac.agent.audit.AuditSources;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.agent.software.IocLists;

/**
 * {@code canhgac-agent audit}: every collector once, against a policy, findings printed. For
 * inspectors: needs no server, no enrolment and no installation, and changes nothing on the machine.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check this machine (or a host root) once against a policy and print the findings. Changes nothing.")
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--host-root", defaultValue = "/", description = "Root of the file system to audit (default: /).")
    Path hostRoot;

    @Option(names = "--policy", description = "Policy YAML (../shared/POLICY.md schema); default: the documented defaults.")
    Path policy;

    @Option(names = "--format", defaultValue = "text", description = "json or text (default: text).")
    String format;

    @Option(names = "--role", description = "Machine role to judge by: secret-workstation, internal-workstation, internet-workstation, "
            + "mdm-host (default: the enrolled role, else internal-workstation).")
    String role;

    @Option(names = "--state-dir", defaultValue = "/var/lib/canhgac/agent",
            description = "Where an enrolled agent keeps its state (for the role, the management server and the connectivity history).")
    Path stateDir;

    @Option(names = "--documents", description = "Scan only this directory (a host path) for classification marks.")
    Path documents;

    @Option(names = "--ioc-list", description = "A file of known-bad executable SHA-256 hashes, one per line (repeatable); "
            + "lists in the state directory's ioc/ are used as well.")
    List<Path> iocLists = new ArrayList<>();

    @Override
    public Integer call() {
        if (!format.equals("json") && !format.equals("text")) {
            throw new IllegalArgumentException("--format must be json or text (got \"" + format + "\")");
        }
        Policy rules = policy == null ? Policy.defaults() : PolicyParser.read(policy);
        List<Path> iocs = new ArrayList<>(iocLists);
        if (Files.isDirectory(stateDir.resolve(IocLists.DIRECTORY))) {
            iocs.add(stateDir.resolve(IocLists.DIRECTORY));
        }
        AuditContext context = new AuditContext(HostRoot.of(hostRoot), rules, role(), Optional.ofNullable(documents), Clock.systemUTC(),
                new ConnectivityBoard(), Optional.of(stateDir), iocs);
        AuditReport report = new Audit(AuditSources.all()).run(context);
        System.out.print(format.equals("json") ? Audit.json(report) + "\n" : Audit.text(report));
        return 0;
    }

    private String role() {
        if (role != null) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("--role must be one of " + Roles.ALL + " (got \"" + role + "\")");
            }
            return role;
        }
        return AgentIdentity.existsIn(stateDir) ? AgentIdentity.load(stateDir).role() : Roles.INTERNAL_WORKSTATION;
    }
}
