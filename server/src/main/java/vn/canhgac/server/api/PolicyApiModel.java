package vn.canhgac.server.api;

import java.time.Instant;
import java.util.List;

/**
 * The JSON documents of the policy routes (see {@code openapi/admin-api.yaml}); {@code canhgacctl}
 * reads answers into these records. Kept apart from {@link ApiModel} because policies have many.
 */
public final class PolicyApiModel {

    private PolicyApiModel() {}

    /**
     * A policy that does not validate: {@code error} is the whole sentence, {@code line} (1-based, 0
     * when not tied to a line), {@code field} (dotted path, empty for the whole document) and
     * {@code reason} its parts.
     */
    public record PolicyProblem(String error, int line, String field, String reason) {}

    /** What a valid document sets, in short: enough to see that the server read it as meant. */
    public record ValidatedPolicy(String name, String description, String usbStorage, String usbPhones, int usbAllowedDevices,
                                  String softwareMode, String softwareAction, boolean builtinRemoteControlDenyList, int softwareRules,
                                  String internetAction, boolean allowDefaultRoute, int probes, boolean documentsScan) {}

    /** The answer to a publish: the new revision and its bundle, and how many online agents were sent it. */
    public record PublishedPolicy(String name, long revision, long version, String sha256, String author, String comment,
                                  Instant createdAt, int pushedTo) {}

    /** A policy with its latest revision. */
    public record PolicySummary(String name, long latestRevision, String updatedBy, Instant updatedAt, String comment,
                                int assignments) {}

    public record PolicyList(List<PolicySummary> policies) {}

    public record RevisionSummary(long revision, String sha256, String author, String comment, Instant createdAt) {}

    /** A policy with every revision (oldest first) and the assignments the caller can see. */
    public record PolicyDetails(String name, List<RevisionSummary> revisions, List<AssignmentView> assignments) {}

    /** One revision with its document, as published. */
    public record PolicyDocument(String name, long revision, String sha256, String author, String comment, Instant createdAt,
                                 String document) {}

    /** {@code role} is null for an assignment to every role of the unit. */
    public record AssignmentView(String unit, String role, String policy, String assignedBy, Instant assignedAt) {}

    public record AssignmentList(List<AssignmentView> assignments) {}

    /** The answer to an assignment change: what is assigned now (null after a removal), what it replaced, and the push. */
    public record AssignmentChange(AssignmentView assignment, AssignmentView replaced, int pushedTo) {}

    /**
     * An agent's effective policy. {@code policy} is null when nothing is assigned to its unit or
     * above (it keeps its local policy); {@code fromUnit}/{@code fromRole} name the assignment that
     * won; {@code version} is the newest bundle of the revision and {@code runningVersion} what the
     * agent last reported.
     */
    public record EffectivePolicyView(String agentId, String unit, String role, String policy, Long revision, Long version,
                                      String fromUnit, String fromRole, long runningVersion, String runningPolicy,
                                      Long runningRevision, Instant reportedAt, boolean lagging, String document) {}

    /** An agent that does not run its effective policy's revision. */
    public record LaggingAgent(String agentId, String unit, String role, boolean connected, String policy, long revision,
                               long effectiveVersion, long runningVersion, String runningPolicy, Long runningRevision,
                               Instant reportedAt) {}

    public record LaggingList(List<LaggingAgent> agents) {}
}
