package vn.canhgac.server;

/** The server's version as built, from the jar manifest; "development" when run from classes. */
public final class ServerVersion {

    private ServerVersion() {}

    public static String current() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
