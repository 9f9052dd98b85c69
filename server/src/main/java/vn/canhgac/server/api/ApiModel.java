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
     */
    public record AgentSummary(String id, String unit, String role, String status, boolean connected, Instant lastSeenAt,
                               Instant enrolledAt, Instant revokedAt, String hostname, String os, String kernel,
                               String architecture, String agentVersion, long highestSequence, long outboxBacklog,
                               long droppedEventsTotal, String certificateSerial, Instant certificateNotAfter) {}

    public record AgentList(List<AgentSummary> agents) {}

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
     * A report export: {@code state} is one of queued, running, done, failed; {@code rowsTotal} is -1 until the
     * violations are counted; {@code fileName}, {@code sha256}, {@code rowCount} once done; {@code error} once failed.
     */
    public record ReportStatus(String id, String state, Instant createdAt, long rowsDone, long rowsTotal, String format,
                               String fileName, String sha256, Long rowCount, String error) {}

    /** The public halves of the server's signing keys, as PEM, and their fingerprint (SHA-256 over both encodings). */
    public record SigningKeysBody(String ed25519, String mlDsa65, String fingerprint) {}
}
