package vn.canhgac.protocol.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Whether a route leaves the internal networks of the {@code secretDrafting} section: the agent's
 * connectivity judge and the server's dry run ask the same question here. Pure.
 */
public final class RouteRule {

    private RouteRule() {}

    /**
     * Why the route reaches outside the internal networks, or empty when it does not.
     *
     * @param gateway    the route's gateway, if it has one
     * @param management the management server's addresses: a host route to one of them counts as internal
     */
    public static Optional<String> outsideReason(SecretDraftingPolicy policy, boolean isDefault, Cidr destination,
                                                 Optional<InetAddress> gateway, List<InetAddress> management) {
        List<Cidr> internal = policy.internalNetworks();
        if (isDefault) {
            if (!policy.allowDefaultRoute()) {
                return Optional.of("default route not allowed by policy");
            }
            return gateway.filter(address -> internal.stream().anyMatch(network -> network.contains(address))).isPresent()
                    ? Optional.empty() : Optional.of("default route whose gateway is outside the internal networks");
        }
        boolean internalRange = internal.stream()
                .anyMatch(network -> network.prefixLength() <= destination.prefixLength() && network.contains(destination.network()));
        boolean hostRouteToServer = destination.prefixLength() == destination.network().getAddress().length * 8
                && management.contains(destination.network());
        return internalRange || hostRouteToServer ? Optional.empty() : Optional.of("outside the internal networks");
    }
}
