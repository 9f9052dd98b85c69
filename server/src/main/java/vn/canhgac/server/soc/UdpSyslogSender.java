package vn.canhgac.server.soc;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import vn.canhgac.server.store.UnitEvent;

/** RFC 5424 messages over UDP (RFC 5426), one per datagram: sent means handed to the kernel, nothing more. */
final class UdpSyslogSender implements EventSender {
    private final SocDestination destination;
    private final SyslogMessages messages;
    private DatagramSocket socket;

    UdpSyslogSender(SocDestination destination) {
        this.destination = destination;
        this.messages = new SyslogMessages(destination);
    }

    @Override
    public void send(List<UnitEvent> events) throws DeliveryFailed {
        int sent = 0;
        try {
            if (socket == null) {
                socket = new DatagramSocket();
                socket.connect(new InetSocketAddress(destination.host(), destination.port()));
            }
            for (UnitEvent event : events) {
                byte[] message = messages.format(event);
                socket.send(new DatagramPacket(message, message.length));
                sent++;
            }
        } catch (IOException e) {
            close();
            throw new DeliveryFailed("could not send a datagram to " + destination.target() + ": " + e.getMessage(), sent, e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
