package vn.canhgac.server.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.ServerNotice;

/** Sends a server notice that ends the connection: the peer learns why before the close. */
final class Notices {

    private Notices() {}

    static void sendAndClose(Channel channel, ServerNotice.Code code, String message) {
        if (!channel.isActive()) {
            return;
        }
        Envelope notice = Envelope.newBuilder().setNotice(ServerNotice.newBuilder()
                .setCode(code)
                .setMessage(message)
                .setClosing(true)
                .setSupportedProtocolVersion(ProtocolVersion.CURRENT)).build();
        channel.writeAndFlush(notice).addListener(ChannelFutureListener.CLOSE);
    }
}
