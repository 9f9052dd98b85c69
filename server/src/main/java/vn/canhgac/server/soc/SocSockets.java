package vn.canhgac.server.soc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Opens the TCP (and TLS) connection of a stream kind: a bounded connect and handshake, so an unreachable receiver is a failure, not a hang. */
final class SocSockets {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private SocSockets() {}

    static Socket connect(SocDestination destination, Optional<SSLContext> tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(destination.host(), destination.port()), CONNECT_TIMEOUT_MILLIS);
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            if (tls.isEmpty()) {
                return plain;
            }
            SSLSocket socket = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, destination.host(), destination.port(), true);
            socket.setSSLParameters(SocTls.parameters(tls.get()));
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /** Closes a connection that may already be dead; there is nothing to report about that. */
    static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a dead connection: nothing to do.
            }
        }
    }
}
