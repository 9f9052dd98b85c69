package vn.canhgac.server.soc;

import java.time.Instant;
import java.util.Optional;

/**
 * What one destination has done, for {@code GET /api/v1/soc/destinations}.
 *
 * @param lastEventId the cursor: events up to this id were delivered or filtered out
 * @param sent        events delivered since the destination was first configured (kept across restarts)
 * @param queued      stored events after the cursor that pass the filter: what is still to be sent
 * @param failures    failed attempts since the server started
 */
public record SocDestinationStatus(String name, String kind, String target, long lastEventId, long sent, long queued, long failures,
                                   Optional<String> lastError, Optional<Instant> lastErrorAt, Optional<Instant> lastSuccessAt) {}
