package vn.canhgac.server.imports;

import java.time.Instant;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param received       events in the bundle
 * @param stored         of those, events the server did not hold before and now does
 * @param alreadyHeld    of those, events the server already held (imported before, or delivered over the channel)
 * @param missingBefore  sequences between what the server held and the bundle's first that it still lacks (only with acceptGap)
 * @param sha256         of the bundle file, as in its sidecar
 */
public record ImportResult(String agentId, long firstSequence, long lastSequence, int received, long stored, long alreadyHeld,
                           Instant createdAt, long droppedEventsTotal, long missingBefore, String sha256) {
    public ImportResult {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sha256, "sha256");
    }
}
