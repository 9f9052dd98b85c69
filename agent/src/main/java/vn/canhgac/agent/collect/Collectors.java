package vn.canhgac.agent.collect;

import java.util.List;
import vn.canhgac.agent.documents.DocumentCollector;
import vn.canhgac.agent.network.ConnectivityCollector;
import vn.canhgac.agent.software.SoftwareCollector;
import vn.canhgac.agent.usb.UsbCollector;

/** Every long-running collector the agent starts. New collectors add themselves here. */
public final class Collectors {

    private Collectors() {}

    public static List<Collector> all() {
        return List.of(new ConnectivityCollector(), new UsbCollector(), new SoftwareCollector(), new DocumentCollector());
    }
}
