package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Enrolled agents and their liveness counters. Implementations are thread-safe. */
public interface AgentStore {

    /** Stores a newly enrolled agent; its unit must exist. */
    void insert(AgentRecord agent);

    Optional<AgentRecord> find(String id);

    /** All agents, ordered by id. */
    List<AgentRecord> list();

    /** Records a hello: the agent was seen at {@code at} and reported these facts and counters. */
    void recordHello(String id, Instant at, AgentFacts facts, long outboxBacklog, long droppedEventsTotal);

    /** The latest heartbeat of many agents, in one transaction; agents no longer stored are skipped. */
    void recordHeartbeats(Map<String, Heartbeat> latest);

    /** What one heartbeat reports. */
    record Heartbeat(Instant at, long outboxBacklog, long droppedEventsTotal) {}

    /** Moves the agent to another existing unit; false if the agent is unknown or already there. */
    boolean move(String id, String unit);

    /** Revokes the agent and every certificate issued to it; false if unknown or already revoked. */
    boolean revoke(String id, Instant at);

    /** Serials (lower-case hex) of every revoked certificate. */
    Set<String> revokedCertificateSerials();

    /** The certificate issued under this serial (any case of hex), to whichever agent; empty if this CA never issued it. */
    Optional<IssuedCertificate> findCertificate(String serialHex);
}
