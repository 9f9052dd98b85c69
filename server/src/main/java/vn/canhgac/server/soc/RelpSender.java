package vn.canhgac.server.soc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import vn.canhgac.server.store.UnitEvent;

/**
 * RFC 5424 messages over RELP (the Reliable Event Logging Protocol of rsyslog's imrelp) with TLS.
 * Each message is a {@code syslog} command the receiver answers with {@code 200 OK} once it has
 * taken the message in; an event counts as sent only then, so a receiver that stops or dies
 * part-way through a batch loses nothing, and what it had already confirmed is not sent again.
 *
 * <p>Frames are {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. Messages go out in windows of
 * {@value #WINDOW}; the answers are read after each window, in order.
 */
final class RelpSender implements EventSender {
    static final int WINDOW = 128;
    private static final int MAX_TXNR = 999_999_999;
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;
    private static final String OFFERS = "relp_version=0\nrelp_software=canhgac\ncommands=syslog";

    private final SocDestination destination;
    private final SSLContext tls;
    private final SyslogMessages messages;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int txnr;
    private int lastTerminator;

    RelpSender(SocDestination destination, SSLContext tls) {
        this.destination = destination;
        this.tls = tls;
        this.messages = new SyslogMessages(destination);
    }

    @Override
    public void send(List<UnitEvent> events) throws DeliveryFailed {
        int confirmed = 0;
        try {
            if (socket == null) {
                open();
            }
            while (confirmed < events.size()) {
                List<UnitEvent> window = events.subList(confirmed, Math.min(events.size(), confirmed + WINDOW));
                int first = txnr + 1;
                for (UnitEvent event : window) {
                    writeFrame("syslog", messages.format(event));
                }
                out.flush();
                for (int i = 0; i < window.size(); i++) {
                    expectOk(txnrAfter(first, i));
                    confirmed++;
                }
            }
        } catch (IOException e) {
            close();
            throw new DeliveryFailed("RELP delivery to " + destination.target() + " stopped after " + confirmed + " of " + events.size()
                    + " messages: " + e.getMessage(), confirmed, e);
        }
    }

    private void open() throws IOException {
        socket = SocSockets.connect(destination, Optional.of(tls));
        socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new BufferedInputStream(socket.getInputStream());
        txnr = 0;
        writeFrame("open", OFFERS.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expectOk(txnr);
    }

    private void writeFrame(String command, byte[] data) throws IOException {
        txnr = txnr == MAX_TXNR ? 1 : txnr + 1;
        out.write((txnr + " " + command + " " + data.length).getBytes(StandardCharsets.US_ASCII));
        if (data.length > 0) {
            out.write(' ');
            out.write(data);
        }
        out.write('\n');
    }

    private static int txnrAfter(int first, int offset) {
        long value = (long) first + offset;
        return (int) (value > MAX_TXNR ? value - MAX_TXNR : value);
    }

    /** Reads the next frame: it must be the answer to {@code expected} and say 200. */
    private void expectOk(int expected) throws IOException {
        long number = readNumber(false);
        String command = readToken();
        long length = readNumber(true);
        // DATALEN 0 ends with the trailer at once; any other length is followed by SP (read above), DATA and the trailer.
        if (length > MAX_ANSWER_BYTES) {
            throw new IOException("the receiver sent a frame of " + length + " bytes; RELP answers are short, so this is not a RELP receiver");
        }
        String text = "";
        if (lastTerminator == ' ') {
            byte[] data = in.readNBytes((int) length);
            if (data.length < length || readByte() != '\n') {
                throw new IOException("the receiver sent a malformed RELP frame (data not followed by the trailer)");
            }
            text = new String(data, StandardCharsets.UTF_8);
        } else if (length != 0) {
            throw new IOException("the receiver sent a malformed RELP frame (length " + length + " without data)");
        }
        if (command.equals("serverclose")) {
            throw new IOException("the receiver is shutting down (RELP serverclose)");
        }
        if (!command.equals("rsp") || number != expected) {
            throw new IOException("expected the answer to transaction " + expected + " but got \"" + number + " " + command + "\"");
        }
        if (!text.startsWith("200")) {
            throw new IOException("the receiver refused transaction " + expected + ": " + text.lines().findFirst().orElse(text));
        }
    }

    /** Reads digits up to a space or, where a frame may end there, a line feed; remembers which in {@link #lastTerminator}. */
    private long readNumber(boolean mayEndFrame) throws IOException {
        long value = 0;
        int digits = 0;
        while (true) {
            int c = readByte();
            if (c >= '0' && c <= '9' && digits < 10) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (digits > 0 && (c == ' ' || (c == '\n' && mayEndFrame))) {
                lastTerminator = c;
                return value;
            } else {
                throw new IOException("the receiver sent a malformed RELP frame (unexpected byte " + c + ")");
            }
        }
    }

    private String readToken() throws IOException {
        ByteArrayOutputStream token = new ByteArrayOutputStream();
        int c;
        while ((c = readByte()) != ' ') {
            if (token.size() == 32) {
                throw new IOException("the receiver sent a malformed RELP frame (command longer than 32 bytes)");
            }
            token.write(c);
        }
        return token.toString(StandardCharsets.US_ASCII);
    }

    private int readByte() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("the receiver closed the connection");
        }
        return c;
    }

    @Override
    public void close() {
        SocSockets.closeQuietly(socket);
        socket = null;
    }
}
