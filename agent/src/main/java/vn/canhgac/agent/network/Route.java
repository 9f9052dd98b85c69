package vn.canhgac.agent.network;

import java.net.InetAddress;
import java.util.Optional;
import vn.canhgac.protocol.policy.Cidr;

/** One entry of the kernel's main routing table ({@code /proc/net/route} or {@code /proc/net/ipv6_route}). */
public record Route(String device, Cidr destination, Optional<InetAddress> gateway, long metric) {

    public boolean isDefault() {
        return destination.prefixLength() == 0;
    }

    public boolean covers(InetAddress address) {
        return destination.contains(address);
    }

    /** "default via 192.0.2.1 dev eth0" or "10.1.2.0/24 dev eth0", as {@code ip route} prints it. */
    public String describe() {
        return (isDefault() ? "default" : Addresses.text(destination.network()) + "/" + destination.prefixLength())
                + gateway.map(address -> " via " + Addresses.text(address)).orElse("") + " dev " + device;
    }
}
