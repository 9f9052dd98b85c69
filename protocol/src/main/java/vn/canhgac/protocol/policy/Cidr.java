package vn.canhgac.protocol.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation, e.g. 10.0.0.0/8. */
public record Cidr(InetAddress network, int prefixLength) {

    public static Cidr parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/");
        if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("internal network must be CIDR like 10.0.0.0/8 (got \"" + text + "\")");
        }
        InetAddress address;
        int prefix;
        try {
            address = InetAddress.getByName(parts[0]);
            prefix = Integer.parseInt(parts[1]);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("internal network must be CIDR like 10.0.0.0/8 (got \"" + text + "\")");
        }
        int bits = address.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length of " + text + " must be 0.." + bits);
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(InetAddress candidate) {
        byte[] net = network.getAddress();
        byte[] other = candidate.getAddress();
        if (net.length != other.length) {
            return false;
        }
        int bits = net.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefixLength)
                .xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, net).and(mask).equals(new BigInteger(1, other).and(mask));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
