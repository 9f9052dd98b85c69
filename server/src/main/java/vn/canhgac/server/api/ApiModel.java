package vn.canhgac.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The JSON documents of the admin API, {@code /api/v1}. Field names are the wire contract
 * described in {@code openapi/admin-api.yaml}; change both together. {@code canhgacctl} reads
 * answers into these same records.
 */
public final class ApiModel {

    private ApiModel() {}

    /** Every error answer: one sentence saying what was wrong and, where it helps, what to do. */
    public record ErrorBody(String error) {}

    public record Health(String status) {}

    /** The answer to {@code POST /tokens}: the only place the token's secret ever appears. */
    public record CreatedToken(String id, String unit, String role, Instant createdAt, Instant expiresAt, String token,
                               String caFingerprint, String enrollCommand) {
        @Override
        public String toString() {
            return "CreatedToken[id=" + id + ", unit=" + unit + ", role=" + role + ", token=<hidden>]";
        }
    }

    /** A token as listed; {@code state} is one of unused, used, expired, revoked. */
    public record TokenSummary(String id, String unit, String role, Instant createdAt, Instant expiresAt, String state,
                               Instant usedAt, String usedByAgentId) {}

    public record TokenList(List<TokenSummary> tokens) {}

    /**
     * An agent; {@code status} is one of online, silent, revoked. Facts the agent reports in its
     * hello (hostname, os, kernel, architecture, agentVersion) are null until it first connects.
     * {@code silentAfterMinutes} is the threshold of the agent's role; {@code policyVersion} is the
     * version of the signed policy bundle the agent reported running, 0 when none.
     */
    public record AgentSummary(String id, String unit, String role, String status, boolean connected, Instant lastSeenAt,
                               Instant enrolledAt, Instant revokedAt, String hostname, String os, String kernel,
                               String architecture, String agentVersion, long highestSequence, long outboxBacklog,
                               long droppedEventsTotal, String certificateSerial, Instant certificateNotAfter,
                               long silentAfterMinutes, long policyVersion) {}

    public record AgentList(List<AgentSummary> agents) {}

    /** A command sent to a connected agent; the agent echoes {@code commandId} in the events it produces. */
    public record CommandSent(String agentId, String command, String commandId) {}

    /**
     * A stored event with its agent's unit and role (from enrolment); {@code severity} is one of
     * unspecified, info, low, medium, high, critical.
     */
    public record EventSummary(long id, String agentId, String unit, String role, long sequence, Instant occurredAt, Instant receivedAt, String type,
                               String severity, JsonNode payload) {}

    /**
     * A page of events. {@code next} is the id to pass as {@code after} for the following page
     * when this page is full, null when it is not (there were no more matching events).
     */
    public record EventPage(List<EventSummary> events, Long next) {}

    /**
     * The answer to {@code POST /imports}: of the {@code received} events of the bundle, {@code stored} were new to
     * the server and {@code alreadyHeld} it held before (imported twice, or delivered over the channel too).
     */
    public record ImportReport(String agentId, long firstSequence, long lastSequence, int received, long stored, long alreadyHeld,
                               Instant createdAt, long droppedEventsTotal, long missingBefore, String sha256) {}

    /**
     * The answer to a login, {@code POST /sessions}: the only place the session token appears.
     * {@code idleMinutes}: the session ends after that long without a request.
     */
    public record CreatedSession(String token, String username, String role, List<String> units, Instant createdAt,
                                 Instant expiresAt, long idleMinutes, int recoveryCodesLeft) {
        @Override
        public String toString() {
            return "CreatedSession[username=" + username + ", role=" + role + ", token=<hidden>]";
        }
    }

    /** The caller's own session, {@code GET /sessions/current}. */
    public record SessionSummary(String username, String role, List<String> units, Instant createdAt, Instant expiresAt,
                                 Instant lastUsedAt) {}

    /** An account; {@code units} is empty for an admin, who sees every unit. {@code lockedAt} is null unless locked. */
    public record UserSummary(String username, String role, List<String> units, Instant createdAt, String createdBy,
                              Instant lastLoginAt, Instant lockedAt, String lockReason, int failedAttempts, int recoveryCodesLeft) {}

    public record UserList(List<UserSummary> users) {}

    /**
     * The answer to {@code POST /users}: the only place the TOTP secret and the recovery codes
     * appear. The new user scans {@code totpUri} (or types {@code totpSecret}) into an authenticator app.
     */
    public record CreatedUser(UserSummary user, String totpUri, String totpSecret, List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "CreatedUser[user=" + user + ", totp=<hidden>, recoveryCodes=<hidden>]";
        }
    }

    /** A unit; {@code parent} is null for a root, and for a unit whose parent the caller does not see. */
    public record UnitSummary(String name, String parent, Instant createdAt) {}

    public record UnitList(List<UnitSummary> units) {}

    /** An audit log entry; {@code details} is the JSON object that was recorded. */
    public record AuditEntryView(long seq, Instant at, String actor, String action, String target, JsonNode details,
                                 String prevHash, String hash) {}

    /** A page of the audit log; {@code next} as for {@link EventPage}. */
    public record AuditPage(List<AuditEntryView> entries, Long next) {}

    /**
     * The result of walking the audit chain. When {@code intact} is false, {@code firstBadSeq} is the
     * first entry that breaks the chain and {@code problem} says how. {@code headSeq}/{@code headHash}
     * are the last good entry: record them elsewhere to detect later truncation or a rewritten tail.
     */
    public record AuditVerification(boolean intact, long entriesChecked, Long headSeq, String headHash, Long firstBadSeq,
                                    String problem) {}

    /**
     * The answer to {@code POST /policies/dry-run}: what the policy would have flagged in the stored
     * events from {@code from} to {@code until}. {@code capped}: the scan stopped after {@code cap} events.
     */
    public record DryRunResult(String policy, Instant from, Instant until, long eventsScanned, boolean capped, long cap,
                               List<DryRunSection> sections) {}

    /** One rule kind (usb, software, secretDrafting, documents): how many events it flags and up to 20 of them. */
    public record DryRunSection(String kind, long count, String note, List<DryRunFinding> samples) {}

    /** One flagged event: whose, when, what was seen, and the rule that flags it. */
    public record DryRunFinding(String agentId, String unit, Instant occurredAt, String what, String why) {}

    /**
     * One SOC export destination's counters. {@code queued} counts stored events after the cursor that pass the
     * destination's filter; {@code failures} counts failed attempts since the server started.
     */
    public record SocDestinationView(String name, String kind, String target, long lastEventId, long sent, long queued,
                                     long failures, String lastError, Instant lastErrorAt, Instant lastSuccessAt) {}

    public record SocDestinations(List<SocDestinationView> destinations) {}

    /**
     * An incident: violations of one rule on one agent. {@code status} is one of open, acknowledged, resolved,
     * false-positive; {@code overdue} is true while it is open or acknowledged past {@code deadlineAt};
     * {@code highestSeverity} as for {@link EventSummary}; {@code owner} and {@code resolvedAt} are null when not set.
     */
    public record IncidentSummary(long id, String agentId, String unit, String rule, String type, String status, String owner,
                                  Instant createdAt, Instant deadlineAt, boolean overdue, Instant resolvedAt, Instant firstSeenAt,
                                  Instant lastSeenAt, long violationCount, String highestSeverity, Instant updatedAt) {}

    /** A page of incidents; {@code next} as for {@link EventPage}. */
    public record IncidentPage(List<IncidentSummary> incidents, Long next) {}

    public record IncidentNoteView(int seq, Instant at, String author, String text) {}

    /**
     * One incident in full: its notes, oldest first, and its newest stored violations with their payloads (at most
     * 200; {@code violationCount} of the incident counts them all, including any purged since by retention).
     */
    public record IncidentDetails(IncidentSummary incident, List<IncidentNoteView> notes, List<EventSummary> violations) {}

    /**
     * The retention settings and what they mean now: events received before {@code cutoff} are past
     * retention. {@code minimumDays} is the legal minimum for {@code securityLevel}.
     */
    public record RetentionView(int securityLevel, int minimumDays, int eventsDays, Instant cutoff) {}

    /**
     * A purge, or with {@code dryRun} what a purge now would do: events (and of them, violations) deleted, and old
     * events kept because they are evidence of an open or acknowledged incident.
     */
    public record PurgeReport(boolean dryRun, Instant cutoff, long events, long violations, long keptForLiveIncidents) {}

    /**
     * A report export: {@code state} is one of queued, running, done, failed; {@code rowsTotal} is -1 until the
     * violations are counted; {@code fileName}, {@code sha256}, {@code rowCount} once done; {@code error} once failed.
     */
    public record ReportStatus(String id, String state, Instant createdAt, long rowsDone, long rowsTotal, String format,
                               String fileName, String sha256, Long rowCount, String error) {}

    /** The public halves of the server's signing keys, as PEM, and their fingerprint (SHA-256 over both encodings). */
    public record SigningKeysBody(String ed25519, String mlDsa65, String fingerprint) {}
}
