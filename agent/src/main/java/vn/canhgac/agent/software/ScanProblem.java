package vn.canhgac.agent.software;

/**
 * Something the software scan could not read or understand. The audit shows it as an error
 * finding; the collector logs it. {@code path} is a host path, or empty.
 */
public record ScanProblem(String source, String path, String message) {}
