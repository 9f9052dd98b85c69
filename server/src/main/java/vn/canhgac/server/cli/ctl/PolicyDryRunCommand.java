package vn.canhgac.server.cli.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.server.api.ApiModel.DryRunFinding;
import vn.canhgac.server.api.ApiModel.DryRunResult;
import vn.canhgac.server.api.ApiModel.DryRunSection;

/** {@code canhgacctl policy dry-run}: what a policy would have flagged over the stored events, before it is published. */
@Command(name = "dry-run", description = {"Show what a policy would have flagged in the stored events of the last N days of your units,",
        "per rule kind (usb, software, secretDrafting, documents) with up to 20 examples each. Nothing is published or changed."})
public final class PolicyDryRunCommand extends ApiCommand {

    /** Judging a year of a large fleet's events reads up to a million rows. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Parameters(paramLabel = "FILE", description = "The policy document (YAML).")
    Path file;

    @Option(names = "--days", required = true, paramLabel = "N", description = "How many days of stored events to judge, 1..365.")
    int days;

    @Option(names = "--unit", paramLabel = "UNIT", description = "Only this unit and its sub-units (default: all of your units).")
    String unit;

    @Option(names = "--role", paramLabel = "ROLE", description = "Only agents of this machine role.")
    String role;

    @Override
    void checkOptions() {
        if (days < 1 || days > 365) {
            throw new CtlException("--days must be between 1 and 365 (got " + days + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new CtlException(file + " does not exist or is not a file; give the policy's YAML file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CtlException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size > PolicyParser.MAX_POLICY_BYTES) {
            throw new CtlException(file + " is " + size + " bytes; a policy is at most " + PolicyParser.MAX_POLICY_BYTES);
        }
    }

    @Override
    void run(ApiClient api, PrintWriter out) {
        List<String> query = new ArrayList<>(List.of("days=" + days));
        if (unit != null) {
            query.add("unit=" + ApiClient.segment(unit));
        }
        if (role != null) {
            query.add("role=" + ApiClient.segment(role));
        }
        String answer = api.postFile("/api/v1/policies/dry-run?" + String.join("&", query), file, TIMEOUT);
        if (json()) {
            out.println(answer);
            return;
        }
        print(api.read(answer, DryRunResult.class), out);
    }

    static void print(DryRunResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "Policy %s over %s .. %s: %d events judged%s.%n", result.policy(), Texts.time(result.from()),
                Texts.time(result.until()), result.eventsScanned(),
                result.capped() ? " (stopped at the cap of " + result.cap() + "; later events were not judged: use fewer --days)" : "");
        Table counts = new Table("KIND", "WOULD FLAG", "NOTE");
        for (DryRunSection section : result.sections()) {
            counts.row(section.kind(), section.count(), section.note().isEmpty() ? null : section.note());
        }
        counts.print(out);
        for (DryRunSection section : result.sections()) {
            if (section.samples().isEmpty()) {
                continue;
            }
            out.println();
            out.printf(Locale.ROOT, "%s: %d of %d%n", section.kind(), section.samples().size(), section.count());
            Table samples = new Table("AGENT", "UNIT", "TIME", "WHAT", "WHY");
            for (DryRunFinding finding : section.samples()) {
                samples.row(finding.agentId(), finding.unit(), Texts.time(finding.occurredAt()), finding.what(), finding.why());
            }
            samples.print(out);
        }
    }
}
