package vn.canhgac.server.testing;

import java.util.Optional;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.store.UnitStore;

/** Root units for tests that need tokens or agents to name an existing unit. */
public final class TestUnits {
    public static final String SO_NOI_VU = "Sở Nội vụ";
    public static final String TAN_LAP = "UBND xã Tân Lập";

    private TestUnits() {}

    public static void add(UnitStore store, String... names) {
        for (String name : names) {
            store.insert(new Unit(name, Optional.empty(), FakeClock.DEFAULT_START));
        }
    }
}
