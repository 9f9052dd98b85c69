package vn.canhgac.agent.software;

import java.util.List;

/**
 * What one package source found. {@code complete} is false when part of the source could not
 * be read (a truncated database, a missing tool): its items are still shown, but the collector
 * does not turn their absence into "removed" events.
 */
public record SourceInventory(String source, List<SoftwareItem> items, List<ScanProblem> problems, boolean complete) {

    public SourceInventory {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    /** A source whose database is not on this machine: nothing installed through it. */
    static SourceInventory absent(String source) {
        return new SourceInventory(source, List.of(), List.of(), true);
    }

    /** A source that could not be read at all. */
    static SourceInventory failed(String source, String path, String message) {
        return new SourceInventory(source, List.of(), List.of(new ScanProblem(source, path, message)), false);
    }

    /** The items as read, and complete only if nothing went wrong. */
    static SourceInventory of(String source, List<SoftwareItem> items, List<ScanProblem> problems) {
        return new SourceInventory(source, items, problems, problems.isEmpty());
    }
}
