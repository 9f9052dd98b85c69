package vn.canhgac.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The build's version (filtered in by Maven, so it is right whether run from a jar or from classes) and process-wide logging setup. */
public final class BuildInfo {

    private static final String VERSION = readVersion();
    /** java.util.logging keeps loggers only weakly: a level set on one nobody holds is lost at the next GC. */
    private static final java.util.logging.Logger BOUNCY_CASTLE_JSSE = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");

    private BuildInfo() {}

    public static String version() {
        return VERSION;
    }

    /**
     * Sends java.util.logging (used by Bouncy Castle's JSSE) through SLF4J, so every line has one
     * format and one level configuration. Call once at the start of a main.
     */
    public static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // BCJSSE reports at INFO which JDK security properties it read, and warns about JDK-only
        // entries it ignores: true at every start and nothing an operator can act on.
        BOUNCY_CASTLE_JSSE.setLevel(Level.SEVERE);
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
