package vn.canhgac.server.soc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import vn.canhgac.server.store.UnitEvent;

/**
 * RFC 5424 messages over TCP or TLS, framed by octet counting ({@code LEN SP MSG}, RFC 5425 and
 * RFC 6587), so a message may hold line breaks.
 *
 * <p>Implementation notes. Syslog over TCP has no acknowledgement: a batch counts as sent once it
 * is written and flushed, and what the receiver had in its socket buffer when it died is lost.
 * Writing into a connection the receiver has already closed also "succeeds" once, so a watcher
 * thread reads the connection (a receiver never writes to it) and marks it closed as soon as the
 * receiver's FIN or TLS close_notify arrives; the next batch then goes over a new connection.
 * That makes a receiver restart between batches lose nothing. A write that fails part-way sends
 * the whole batch again: the receiver may see some of its messages twice (each carries its
 * event id, so a SIEM can drop the repeats). RELP ({@link RelpSender}) is the kind with acknowledgements.
 */
final class StreamSyslogSender implements EventSender {
    private final SocDestination destination;
    private final Optional<SSLContext> tls;
    private final SyslogMessages messages;
    private Socket socket;
    private OutputStream out;
    /** Set by the watcher of the current connection only: each connection has its own flag. */
    private AtomicBoolean peerClosed = new AtomicBoolean();

    StreamSyslogSender(SocDestination destination, Optional<SSLContext> tls) {
        this.destination = destination;
        this.tls = tls;
        this.messages = new SyslogMessages(destination);
    }

    @Override
    public void send(List<UnitEvent> events) throws DeliveryFailed {
        try {
            if (socket == null || peerClosed.get()) {
                close();
                open();
            }
            for (UnitEvent event : events) {
                byte[] message = messages.format(event);
                out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw new DeliveryFailed("could not write " + events.size() + " messages to " + destination.target() + ": " + e.getMessage(), 0, e);
        }
    }

    private void open() throws IOException {
        Socket opened = SocSockets.connect(destination, tls);
        AtomicBoolean closed = new AtomicBoolean();
        socket = opened;
        peerClosed = closed;
        out = new BufferedOutputStream(opened.getOutputStream(), 64 * 1024);
        InputStream in = opened.getInputStream();
        Thread.ofVirtual().name("soc-watch-" + destination.name()).start(() -> watch(in, closed));
    }

    /** Returns when the receiver closes the connection or it breaks; anything the receiver sends is discarded. */
    private static void watch(InputStream in, AtomicBoolean closed) {
        byte[] discard = new byte[512];
        try {
            while (in.read(discard) >= 0) {
                // A syslog receiver has nothing to say; keep reading until it hangs up.
            }
        } catch (IOException e) {
            // Broken or closed by us: either way this connection is done.
        }
        closed.set(true);
    }

    @Override
    public void close() {
        SocSockets.closeQuietly(socket);
        socket = null;
        out = null;
    }
}
