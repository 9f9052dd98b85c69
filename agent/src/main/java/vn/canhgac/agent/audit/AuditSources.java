package vn.canhgac.agent.audit;

import java.util.List;
import vn.canhgac.agent.documents.DocumentsAuditSource;
import vn.canhgac.agent.network.ConnectivityAuditSource;
import vn.canhgac.agent.software.SoftwareAuditSource;
import vn.canhgac.agent.usb.UsbAuditSource;

/**
 * Every collector's audit source, in the order the report lists them. New collectors add
 * themselves here. Connectivity comes first: the document rule reads the verdict it publishes.
 */
public final class AuditSources {

    private AuditSources() {}

    public static List<AuditSource> all() {
        return List.of(new ConnectivityAuditSource(), new UsbAuditSource(), new SoftwareAuditSource(), new DocumentsAuditSource());
    }
}
