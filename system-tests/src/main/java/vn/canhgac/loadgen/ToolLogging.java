package vn.canhgac.loadgen;

import java.util.logging.Level;
import java.util.logging.Logger;
import vn.canhgac.protocol.BuildInfo;

/**
 * Keeps the benchmark tools' output to their figures. Call first thing in {@code main}, before
 * anything logs.
 */
final class ToolLogging {

    /**
     * BCJSSE's java.util.logging lines (JDK security properties it read, JDK-only entries it
     * ignores) repeat for every TLS context: ten thousand times here. JUL holds loggers weakly,
     * so the level set on one sticks only while someone holds it: this field does.
     */
    private static final Logger BOUNCY_CASTLE_JSSE = Logger.getLogger("org.bouncycastle.jsse");

    private ToolLogging() {}

    static void configure() {
        // The agent and server jars each bring a logback.xml; naming one config avoids logback's
        // "occurs multiple times" warning and the status dump that comes with it.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "canhgac-tools-logback.xml");
        }
        BuildInfo.routeJavaUtilLogging();
        BOUNCY_CASTLE_JSSE.setLevel(Level.SEVERE);
    }
}
