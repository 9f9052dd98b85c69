package vn.canhgac.protocol;

/** Hard limits on what either side accepts from the wire. */
public final class FrameLimits {

    /**
     * Largest frame body either side reads. A header announcing more closes the connection
     * before any of the body is buffered. 1 MiB holds a full batch with room to spare.
     */
    public static final int MAX_FRAME_BYTES = 1024 * 1024;

    /** Bytes of the big-endian length prefix in front of every frame. */
    public static final int LENGTH_FIELD_BYTES = 4;

    /** Most events an agent puts in one batch; the server refuses larger batches. */
    public static final int MAX_EVENTS_PER_BATCH = 1000;

    /** Largest JSON payload of one event. */
    public static final int MAX_EVENT_PAYLOAD_BYTES = 64 * 1024;

    private FrameLimits() {}
}
