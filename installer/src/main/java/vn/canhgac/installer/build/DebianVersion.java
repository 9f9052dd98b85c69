package vn.canhgac.installer.build;

/**
 * The Debian version of a Maven version, as jdeb writes it into the control file: a snapshot
 * sorts before its release ({@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0~snapshot}, and
 * {@code 0.1.0~snapshot < 0.1.0} for dpkg).
 */
final class DebianVersion {

    private static final String SNAPSHOT = "-SNAPSHOT";

    private DebianVersion() {}

    static String of(String mavenVersion) {
        if (mavenVersion.isBlank() || !Character.isDigit(mavenVersion.charAt(0))) {
            throw new IllegalArgumentException("a package version must start with a digit (got \"" + mavenVersion + "\")");
        }
        return mavenVersion.endsWith(SNAPSHOT)
                ? mavenVersion.substring(0, mavenVersion.length() - SNAPSHOT.length()) + "~snapshot"
                : mavenVersion;
    }
}
