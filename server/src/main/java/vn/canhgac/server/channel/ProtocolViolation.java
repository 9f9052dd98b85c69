package vn.canhgac.server.channel;

/** An agent broke the protocol; the message is sent back to it before the connection closes (or, for an import, to the importer). */
public final class ProtocolViolation extends RuntimeException {
    ProtocolViolation(String message) {
        super(message);
    }
}
