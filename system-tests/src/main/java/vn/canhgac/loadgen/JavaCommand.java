package vn.canhgac.loadgen;

/** How to start another JVM like this one: the same java executable and the same classpath. */
final class JavaCommand {

    private JavaCommand() {}

    static String executable() {
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                "cannot tell which java executable runs this process; run the benchmark through bin/canhgac-loadgen"));
    }

    /** Surefire and bin/lib.sh both put the full classpath in java.class.path. */
    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
