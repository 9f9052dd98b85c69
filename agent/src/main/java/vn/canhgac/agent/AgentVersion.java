package vn.canhgac.agent;

/** The agent's version as built, from the jar manifest; "development" when run from classes. */
public final class AgentVersion {

    private AgentVersion() {}

    public static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
