package vn.canhgac.agent.airgap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.channel.WireEvents;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.protocol.bundle.SignedBundleWriter;
import vn.canhgac.protocol.v1.Event;

/**
 * Writes the events waiting in the outbox as signed bundle files, for a machine that must stay
 * offline: someone carries the files to the server, where {@code canhgacctl import} verifies and
 * stores them.
 *
 * <p>What is exported: every event in the outbox up to the last sequence assigned when the
 * export starts (events recorded meanwhile wait for the next export), oldest first, split into
 * files of at most {@link SignedBundleWriter.Limits} each. Files are complete or absent: each is
 * forced to disk before it gets its name.
 *
 * <p>The outbox keeps the exported events unless {@code prune} is asked for, and then deletes
 * them only after every file of this export is on disk. Keeping them is the safe default: a lost
 * or damaged USB stick costs nothing, and the server stores an event once however often it is
 * imported or also delivered over the channel.
 *
 * <p>Implementation notes: memory stays constant whatever the outbox holds (one page of events
 * at a time; the writer streams to disk), so the export runs in the agent's small heap. Another
 * process (the running agent) may use the outbox at the same time: SQLite serialises access.
 */
public final class BundleExporter {

    private static final Logger log = LoggerFactory.getLogger(BundleExporter.class);
    static final int PAGE = 500;

    /** What an export wrote, oldest file first; {@code pruned} is how many events left the outbox (0 without prune). */
    public record Result(List<SignedBundleWriter.Written> files, int pruned) {
        public Result {
            files = List.copyOf(files);
        }

        public long events() {
            return files.stream().mapToLong(SignedBundleWriter.Written::events).sum();
        }
    }

    private final Outbox outbox;
    private final String agentId;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SignedBundleWriter.Limits limits;

    /**
     * @param key         the agent's private key, which signs every file
     * @param certificate the agent's certificate, carried in every file
     */
    public BundleExporter(Outbox outbox, String agentId, PrivateKey key, X509Certificate certificate, Clock clock,
                          SignedBundleWriter.Limits limits) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Exports into {@code directory}, creating it if needed; writes nothing when the outbox is empty.
     *
     * @param prune delete the exported events from the outbox once every file is on disk
     * @throws UncheckedIOException if a file cannot be written; files finished before it are complete and valid, nothing is pruned
     */
    public Result export(Path directory, boolean prune) {
        createDirectory(directory);
        long upTo = outbox.lastSequence();
        long droppedTotal = outbox.droppedTotal();
        List<SignedBundleWriter.Written> files = new ArrayList<>();
        SignedBundleWriter writer = null;
        try {
            long after = 0;
            boolean done = false;
            while (!done) {
                List<OutboxEvent> page = outbox.peek(after, PAGE);
                done = page.isEmpty();
                for (OutboxEvent event : page) {
                    if (event.sequence() > upTo) {
                        done = true;
                        break;
                    }
                    Event wire = WireEvents.toWire(event);
                    if (writer != null && !writer.fits(wire)) {
                        files.add(finish(writer, droppedTotal));
                        writer = null;
                    }
                    if (writer == null) {
                        writer = SignedBundleWriter.open(directory, agentId, key, certificate, limits);
                    }
                    writer.add(wire);
                    after = event.sequence();
                }
            }
            if (writer != null) {
                files.add(finish(writer, droppedTotal));
                writer = null;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        int pruned = 0;
        if (prune && !files.isEmpty()) {
            pruned = outbox.acknowledge(files.getLast().lastSequence());
            log.info("event=bundle.pruned agent={} up_to={} deleted={}", agentId, files.getLast().lastSequence(), pruned);
        }
        return new Result(files, pruned);
    }

    private SignedBundleWriter.Written finish(SignedBundleWriter writer, long droppedTotal) {
        SignedBundleWriter.Written written = writer.finish(clock.instant(), droppedTotal);
        log.info("event=bundle.written agent={} file={} first={} last={} events={} bytes={} sha256={}", agentId, written.file(),
                written.firstSequence(), written.lastSequence(), written.events(), written.bytes(), written.sha256Hex());
        return written;
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the export directory " + directory + ": " + e.getMessage()
                    + " (is the removable drive mounted and writable?)", e);
        }
    }
}
