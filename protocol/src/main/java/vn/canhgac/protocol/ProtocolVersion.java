package vn.canhgac.protocol;

/**
 * The version of the agent–server protocol. Both sides send it first (in {@code Hello} and
 * {@code EnrollRequest}); a peer that speaks another version gets an explicit
 * {@code UNSUPPORTED_PROTOCOL_VERSION} notice and the connection is closed, never a hang.
 */
public final class ProtocolVersion {

    /** The version this build speaks. Bump only with a new {@code canhgac.vN} proto package. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {}

    public static boolean isSupported(int version) {
        return version == CURRENT;
    }

    public static String refusal(int offered) {
        return "protocol version " + offered + " is not supported; this peer speaks version " + CURRENT
                + ": upgrade the older of agent and server";
    }
}
