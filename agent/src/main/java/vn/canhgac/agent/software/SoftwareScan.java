package vn.canhgac.agent.software;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.canhgac.agent.host.HostRoot;

/**
 * Everything the software collector looks at, read once: the inventory of every package source
 * the host has, and the running processes. The audit, the collector and the benchmark all read
 * the machine through this one class. Sources and the executable hash cache keep state between
 * calls (that is what makes a repeat scan cheap), so one instance is used by one thread at a time.
 */
public final class SoftwareScan {

    private final List<PackageSource> sources;
    private final ProcessScanner processes;

    SoftwareScan(List<PackageSource> sources, ProcessScanner processes) {
        this.sources = List.copyOf(sources);
        this.processes = processes;
    }

    /** Every source this build knows, reading {@code host}; the Windows registry only when running on Windows. */
    public static SoftwareScan of(HostRoot host) {
        List<PackageSource> sources = new ArrayList<>(List.of(new DpkgSource(host), new RpmSource(host, RpmSource.findTool()),
                new FlatpakSource(host), new SnapSource(host)));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            sources.add(new WindowsRegistrySource(new WindowsRegistrySource.RegExe()));
        }
        return new SoftwareScan(sources, new ProcessScanner(host));
    }

    public List<SourceInventory> inventory() {
        List<SourceInventory> inventories = new ArrayList<>(sources.size());
        for (PackageSource source : sources) {
            try {
                inventories.add(source.read());
            } catch (RuntimeException e) {
                // A source is written not to throw; if one does anyway, the others still count.
                inventories.add(SourceInventory.failed(source.name(), "", "failed unexpectedly: " + e));
            }
        }
        return inventories;
    }

    public ProcessScan processes() {
        return processes.scan();
    }
}
