package vn.canhgac.installer.build;

import java.util.List;

/**
 * The applications the packages carry, each with the JDK modules its jlinked runtime holds.
 *
 * <p>The module lists are written out, not computed by jdeps, because jdeps cannot see what is
 * loaded by name (JDBC drivers, Logback's configurator, Netty's optional JUL logging). Each line
 * says who needs the module; {@code canhgac-agent --version}, {@code canhgac-server --version} and
 * the package tests run from these runtimes, so a missing module fails the build's tests.
 */
public enum Application {

    AGENT("canhgac-agent", List.of(
            "java.base",
            "java.desktop",     // PDFBox (documents scanner) uses java.awt.geom and java.awt.image types
            "java.logging",     // Netty and protobuf fall back to java.util.logging types
            "java.naming",      // Bouncy Castle (LDAP cert stores) and Logback (JNDI) link against javax.naming
            "java.sql",         // sqlite-jdbc: the outbox
            "java.xml",         // Logback reads logback.xml with the JDK's SAX parser
            "jdk.unsupported"   // sun.misc.Unsafe for Netty and protobuf
    )),
    SERVER("canhgac-server", List.of(
            "java.base",
            "java.desktop",     // PDFBox writes the PDF reports (java.awt.geom, java.awt.image, font metrics)
            "java.logging",
            "java.naming",
            "java.sql",         // sqlite-jdbc and Flyway: the store
            "java.xml",
            "java.net.http",    // canhgacctl's client for the admin API
            "jdk.unsupported"
    ));

    private final String packageName;
    private final List<String> modules;

    Application(String packageName, List<String> modules) {
        this.packageName = packageName;
        this.modules = modules;
    }

    /** The Debian package name, also the artifact id of the application's jar. */
    public String packageName() {
        return packageName;
    }

    public List<String> modules() {
        return modules;
    }

    /** The directory under the stage that holds this application's runtime and jars: "agent" or "server". */
    public String directoryName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String jarName(String projectVersion) {
        return packageName + "-" + projectVersion + ".jar";
    }
}
