package vn.canhgac.server.channel;

import io.netty.channel.Channel;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.ServerNotice;

/** The open, hello-accepted connection of each agent; a newer connection replaces an older one. */
final class LiveConnections {

    private final ConcurrentMap<String, Channel> byAgent = new ConcurrentHashMap<>();

    void register(String agentId, Channel channel) {
        Channel previous = byAgent.put(agentId, channel);
        if (previous != null && previous != channel) {
            previous.close();
        }
    }

    /** Forgets the channel only if it is still the registered one; answers whether it was. */
    boolean unregister(String agentId, Channel channel) {
        return byAgent.remove(agentId, channel);
    }

    void close(String agentId, ServerNotice.Code code, String message) {
        Channel channel = byAgent.remove(agentId);
        if (channel != null) {
            Notices.sendAndClose(channel, code, message);
        }
    }

    /** A copy of the connected agents' ids. */
    Set<String> agentIds() {
        return Set.copyOf(byAgent.keySet());
    }

    /** Writes the message to each of these agents still connected; Netty runs each write on its connection's event loop. */
    void send(Envelope message, Collection<String> agentIds) {
        for (String agentId : agentIds) {
            sendTo(agentId, message);
        }
    }

    /** Writes the message if the agent is connected now; false if it is not. */
    boolean sendTo(String agentId, Envelope message) {
        Channel channel = byAgent.get(agentId);
        if (channel == null) {
            return false;
        }
        channel.writeAndFlush(message, channel.voidPromise());
        return true;
    }

    int size() {
        return byAgent.size();
    }

    void closeAll(String message) {
        byAgent.values().forEach(channel -> Notices.sendAndClose(channel, ServerNotice.Code.SHUTTING_DOWN, message));
    }

}
