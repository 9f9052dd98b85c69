package vn.canhgac.agent.software;

import java.util.ArrayList;
import java.util.List;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditSource;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;

/**
 * The software part of {@code canhgac-agent audit}: every installed package and running program
 * with its verdict, flagged ones first, then what could not be read. Kills nothing: a "kill"
 * verdict says what the running agent would do.
 */
public final class SoftwareAuditSource implements AuditSource {

    @Override
    public String name() {
        return "software";
    }

    @Override
    public List<Finding> audit(AuditContext context) {
        IocLists.Loaded ioc = IocLists.load(context.iocLists());
        SoftwareRules rules = SoftwareRules.compile(context.policy().software(), BuiltinDenyList.tools(), ioc.hashes());
        SoftwareScan scan = SoftwareScan.of(context.hostRoot());
        List<SoftwareFinding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>(ioc.problems());
        for (SourceInventory inventory : scan.inventory()) {
            inventory.items().forEach(item -> findings.add(SoftwareFinding.of(item, rules.judge(SoftwareSubjects.of(item)))));
            problems.addAll(inventory.problems());
        }
        ProcessScan processes = scan.processes();
        processes.programs().forEach(program -> findings.add(SoftwareFinding.of(program, rules.judge(SoftwareSubjects.of(program)))));
        problems.addAll(processes.problems());

        List<Finding> report = new ArrayList<>();
        findings.stream().filter(finding -> !finding.verdict().equals(SoftwareRules.Verdict.ALLOW.word())).forEach(report::add);
        problems.forEach(problem -> report.add(new ErrorFinding(name(), problem.path(), problem.source() + ": " + problem.message())));
        findings.stream().filter(finding -> finding.verdict().equals(SoftwareRules.Verdict.ALLOW.word())).forEach(report::add);
        return report;
    }
}
