package vn.canhgac.server.imports;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.bundle.BundleException;
import vn.canhgac.protocol.bundle.SignedBundles;
import vn.canhgac.protocol.bundle.VerifiedBundle;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.EventBundle;
import vn.canhgac.server.agents.AgentService;
import vn.canhgac.server.channel.ProtocolViolation;
import vn.canhgac.server.channel.WireConversions;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.events.EventIngest;
import vn.canhgac.server.imports.ImportRefused.Reason;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.IssuedCertificate;
import vn.canhgac.server.store.NewEvent;

/**
 * Verifies a signed event bundle from an offline agent ({@code canhgac-agent export}) and stores
 * its events the way the channel does, so that (agent, sequence) idempotency makes storage
 * exactly-once: importing a bundle twice, or importing events the channel already delivered,
 * stores nothing new and says so.
 *
 * <p>A bundle is stored only if all of this holds, checked in this order, and otherwise nothing
 * of it is: the file is a well-formed bundle whose signature verifies with the certificate it
 * carries (see {@link SignedBundles}); that certificate names the bundle's agent, chains to this
 * server's CA and is valid now; the agent is enrolled, not revoked, and the certificate is one
 * this server issued to it, byte for byte; every event keeps the channel's rules; and the bundle
 * does not start beyond the next sequence the server expects, unless the caller accepts the gap.
 *
 * <p>Implementation notes. Imports run one at a time (a lock), so that two imports of the same
 * bundle cannot both count its events as new. Events go to {@link EventIngest} in batches of the
 * channel's size and the import waits for all of them; a crash midway leaves a prefix stored,
 * and importing again stores the rest.
 */
public final class BundleImporter {

    private static final Logger log = LoggerFactory.getLogger(BundleImporter.class);
    private static final long STORE_TIMEOUT_MINUTES = 5;

    private final X509Certificate ca;
    private final AgentService agents;
    private final AgentStore agentStore;
    private final EventStore events;
    private final EventIngest ingest;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    /**
     * @param ca    the server's CA certificate: every agent certificate must chain to it
     * @param clock decides whether the agent's certificate is valid now
     */
    public BundleImporter(X509Certificate ca, AgentService agents, AgentStore agentStore, EventStore events, EventIngest ingest,
                          Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.agentStore = Objects.requireNonNull(agentStore, "agentStore");
        this.events = Objects.requireNonNull(events, "events");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param file      the bundle file's bytes
     * @param acceptGap store the bundle even though the events before it are missing (lost for good)
     * @throws ImportRefused naming the reason; nothing was stored
     */
    public ImportResult importBundle(byte[] file, boolean acceptGap) {
        VerifiedBundle verified;
        try {
            verified = SignedBundles.verify(file);
        } catch (BundleException e) {
            throw refused(e.kind() == BundleException.Kind.MALFORMED ? Reason.MALFORMED : Reason.NOT_TRUSTED, "-", e.getMessage());
        }
        EventBundle bundle = verified.bundle();
        String agentId = bundle.getAgentId();
        checkCertificate(agentId, verified.certificate());
        List<AgentBatch> batches = batches(agentId, bundle.getEventsList());
        long first = bundle.getFirstSequence();
        long last = bundle.getLastSequence();
        oneAtATime.lock();
        try {
            long highest = events.highestSequence(agentId);
            long missingBefore = Math.max(0, first - highest - 1);
            if (missingBefore > 0 && !acceptGap) {
                throw refused(Reason.GAP, agentId, "this server holds the events of agent " + agentId + " up to sequence " + highest
                        + " and this bundle starts at " + first + ": events " + (highest + 1) + ".." + (first - 1) + " would be missing."
                        + " Import the bundle files holding them first (an agent's files sort in sequence order); only if they are"
                        + " lost for good, import this one accepting the gap");
            }
            long heldBefore = events.countInSequenceRange(agentId, first, last);
            long stored = 0;
            // A bundle imported before changes nothing; skip the writes (and their fsyncs) altogether.
            if (heldBefore < bundle.getEventsCount()) {
                store(agentId, batches);
                stored = events.countInSequenceRange(agentId, first, last) - heldBefore;
            }
            ImportResult result = new ImportResult(agentId, first, last, bundle.getEventsCount(), stored, bundle.getEventsCount() - stored,
                    Instant.ofEpochMilli(bundle.getCreatedAtEpochMs()), bundle.getDroppedEventsTotal(), missingBefore, verified.sha256Hex());
            log.info("event=import.stored agent={} first={} last={} received={} new={} already_held={} missing_before={}"
                            + " dropped_total={} sha256={}", agentId, first, last, result.received(), result.stored(), result.alreadyHeld(),
                    missingBefore, result.droppedEventsTotal(), result.sha256());
            return result;
        } finally {
            oneAtATime.unlock();
        }
    }

    /** The certificate in the bundle must be exactly the one this server issued to that agent, valid now and not revoked. */
    private void checkCertificate(String agentId, X509Certificate certificate) {
        String certified;
        try {
            certified = CertificateAuthority.agentId(certificate);
        } catch (IllegalArgumentException e) {
            throw refused(Reason.NOT_TRUSTED, agentId, "the bundle's certificate is not an agent certificate: " + e.getMessage());
        }
        if (!certified.equals(agentId)) {
            throw refused(Reason.NOT_TRUSTED, agentId, "the bundle carries events of agent " + agentId + " but is signed with the"
                    + " certificate of agent " + Errors.printable(certified) + "; an agent can only export its own events");
        }
        checkChain(agentId, certificate);
        AgentService.AgentView agent = agents.find(agentId).orElseThrow(() -> refused(Reason.NOT_TRUSTED, agentId, "agent " + agentId
                + " is not enrolled on this server; import the bundle into the server the agent enrolled with"));
        String serial = EnrollmentService.serialHex(certificate.getSerialNumber());
        IssuedCertificate issued = agentStore.findCertificate(serial).filter(c -> c.agentId().equals(agentId))
                .filter(c -> Arrays.equals(c.der(), encoded(certificate)))
                .orElseThrow(() -> refused(Reason.NOT_TRUSTED, agentId, "the bundle's certificate (serial " + serial
                        + ") is not one this server issued to agent " + agentId));
        if (agent.agent().revokedAt().isPresent() || issued.revokedAt().isPresent()) {
            Instant at = agent.agent().revokedAt().orElseGet(() -> issued.revokedAt().orElseThrow());
            throw refused(Reason.NOT_TRUSTED, agentId, "agent " + agentId + " (or this certificate of it) was revoked at " + at
                    + "; its bundles are refused like its connections");
        }
    }

    private void checkChain(String agentId, X509Certificate certificate) {
        Date now = Date.from(clock.instant());
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw refused(Reason.NOT_TRUSTED, agentId, "the certificate of agent " + agentId + " is valid only from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                    + ", not now; bundles are accepted while it is valid (re-enrol the agent and export again)");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            // Revocation is this server's own record, checked against the store next; there is no CRL to fetch.
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        } catch (CertPathValidatorException e) {
            throw refused(Reason.NOT_TRUSTED, agentId, "the bundle's certificate for agent " + agentId + " was not issued by this"
                    + " server's CA (" + Errors.printable(e.getMessage()) + "); bundles are accepted only from agents enrolled with this server");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot check certificate chains: " + e.getMessage(), e);
        }
    }

    /** Every event converted under the channel's rules before anything is stored, in batches of the channel's size. */
    private static List<AgentBatch> batches(String agentId, List<Event> bundleEvents) {
        List<AgentBatch> batches = new ArrayList<>();
        for (int from = 0; from < bundleEvents.size(); from += FrameLimits.MAX_EVENTS_PER_BATCH) {
            List<Event> chunk = bundleEvents.subList(from, Math.min(bundleEvents.size(), from + FrameLimits.MAX_EVENTS_PER_BATCH));
            List<NewEvent> converted;
            try {
                converted = WireConversions.events(chunk);
            } catch (ProtocolViolation e) {
                throw refused(Reason.MALFORMED, agentId, "the bundle of agent " + agentId + " holds an event the server does not accept: "
                        + e.getMessage());
            }
            batches.add(new AgentBatch(agentId, converted));
        }
        return batches;
    }

    private void store(String agentId, List<AgentBatch> batches) {
        List<CompletableFuture<Long>> stored = batches.stream().map(ingest::submit).toList();
        try {
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(STORE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the bundle of agent " + agentId
                    + "; part of it may be stored, importing it again stores the rest", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the store did not take the bundle of agent " + agentId + " (" + e.getMessage()
                    + "); part of it may be stored, importing it again stores the rest", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the bundle's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static ImportRefused refused(Reason reason, String agentId, String message) {
        log.warn("event=import.refused agent={} reason={} detail=\"{}\"", agentId, reason, message);
        return new ImportRefused(reason, message);
    }
}
