package vn.canhgac.server.api;

import java.util.Objects;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.events.EventService;
import vn.canhgac.server.imports.BundleImporter;
import vn.canhgac.server.policy.PolicyDistributor;
import vn.canhgac.server.policy.PolicyService;
import vn.canhgac.server.policy.dryrun.PolicyDryRun;
import vn.canhgac.server.soc.SocExport;
import vn.canhgac.server.incidents.IncidentService;
import vn.canhgac.server.retention.RetentionService;
import vn.canhgac.server.reports.ReportService;
import vn.canhgac.server.units.UnitService;

/** The services behind the admin API, wired by {@code CanhGacServer} (and by tests). */
public record ApiServices(TokenService tokens, AgentService agents, EventService events, UnitService units, AccountService accounts,
                          SessionService sessions, AuditLog audit, Access access, BundleImporter imports,
                          PolicyService policies, PolicyDistributor policyPush, PolicyDryRun dryRun,
                          SocExport socExport, IncidentService incidents, RetentionService retention,
                          ReportService reports, VerifyingKeys signingKeys) {
    public ApiServices {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(imports, "imports");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(policyPush, "policyPush");
        Objects.requireNonNull(dryRun, "dryRun");
        Objects.requireNonNull(socExport, "socExport");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(signingKeys, "signingKeys");
    }
}
