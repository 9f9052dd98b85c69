package vn.canhgac.agent.software;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What changed between the inventory the server has and the one just read, keyed by {@link SoftwareItem#key()}. Pure. */
record InventoryDiff(List<SoftwareItem> installed, List<SoftwareItem> removed, List<Change> upgraded) {

    /** The same package in another version (an upgrade, or a downgrade). */
    record Change(SoftwareItem before, SoftwareItem after) {}

    static InventoryDiff between(Map<String, SoftwareItem> before, Map<String, SoftwareItem> after) {
        List<SoftwareItem> installed = new ArrayList<>();
        List<SoftwareItem> removed = new ArrayList<>();
        List<Change> upgraded = new ArrayList<>();
        after.forEach((key, item) -> {
            SoftwareItem previous = before.get(key);
            if (previous == null) {
                installed.add(item);
            } else if (!Objects.equals(previous.version(), item.version())) {
                upgraded.add(new Change(previous, item));
            }
        });
        before.forEach((key, item) -> {
            if (!after.containsKey(key)) {
                removed.add(item);
            }
        });
        return new InventoryDiff(List.copyOf(installed), List.copyOf(removed), List.copyOf(upgraded));
    }
}
