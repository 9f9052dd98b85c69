package vn.canhgac.agent.audit;

import java.util.List;
import vn.canhgac.agent.usb.UsbAuditSource;

/** Every collector's audit source, in the order the report lists them. New collectors add themselves here. */
public final class AuditSources {

    private AuditSources() {}

    public static List<AuditSource> all() {
        return List.of(new UsbAuditSource());
    }
}
