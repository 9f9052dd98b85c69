package vn.canhgac.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/** Runs every audit source once, containing failures, and renders the report as JSON or text. */
public final class Audit {

    private static final Logger log = LoggerFactory.getLogger(Audit.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final List<AuditSource> sources;

    public Audit(List<AuditSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public AuditReport run(AuditContext context) {
        List<Finding> findings = new ArrayList<>();
        for (AuditSource source : sources) {
            try {
                findings.addAll(source.audit(context));
            } catch (RuntimeException e) {
                log.warn("event=audit.source_failed source={} reason=\"{}\"", source.name(), Errors.rootMessage(e));
                findings.add(new ErrorFinding(source.name(), "", "could not complete: " + Errors.rootMessage(e)));
            }
        }
        return new AuditReport(context.clock().instant(), context.hostRoot().root().toString(), context.policy().metadata().name(),
                context.role(), sources.stream().map(AuditSource::name).toList(), findings);
    }

    public static String json(AuditReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public static String text(AuditReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Canh Gác audit ").append(report.generatedAt()).append('\n')
                .append("host root: ").append(report.hostRoot()).append("   policy: ").append(report.policy())
                .append("   role: ").append(report.role()).append('\n')
                .append("checked: ").append(String.join(", ", report.sources())).append('\n')
                .append(report.findings().size()).append(" finding(s)\n");
        report.findings().forEach(finding -> out.append(finding.summary()).append('\n'));
        return out.toString();
    }
}
