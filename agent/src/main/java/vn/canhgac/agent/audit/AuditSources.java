package vn.canhgac.agent.audit;

import java.util.List;
import vn.canhgac.agent.network.ConnectivityAuditSource;

/**
 * Every collector's audit source, in the order they run and the report lists them. New collectors add themselves here;
 * connectivity stays first, because the document rule reads its verdict.
 */
public final class AuditSources {

    private AuditSources() {}

    public static List<AuditSource> all() {
        return List.of(new ConnectivityAuditSource());
    }
}
