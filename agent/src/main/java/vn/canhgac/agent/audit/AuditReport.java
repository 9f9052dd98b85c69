package vn.canhgac.agent.audit;

import java.time.Instant;
import java.util.List;

/** The output of {@code canhgac-agent audit}: what was checked, against what, and the findings. */
public record AuditReport(Instant generatedAt, String hostRoot, String policy, String role, List<String> sources,
                          List<Finding> findings) {}
