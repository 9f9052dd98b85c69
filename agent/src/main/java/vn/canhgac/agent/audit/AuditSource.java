package vn.canhgac.agent.audit;

import java.util.List;

/** One collector's one-shot look at the machine, for {@code canhgac-agent audit}. */
public interface AuditSource {

    String name();

    /** Findings, including {@link ErrorFinding}s for what could not be read; throwing is contained by the caller. */
    List<Finding> audit(AuditContext context);
}
