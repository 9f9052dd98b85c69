package vn.canhgac.agent.software;

/**
 * One way software gets installed on a machine (dpkg, rpm, Flatpak, Snap, the Windows
 * registry). An implementation reads through the host root, never throws for bad or missing
 * input (that is a {@link ScanProblem}), and may cache its last answer while its database is
 * unchanged. Instances are used by one thread at a time.
 */
interface PackageSource {

    String name();

    SourceInventory read();
}
