package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;

/** The {@code secretDrafting} section: what counts as Internet for a secret workstation, and what to do. */
public record SecretDraftingPolicy(InternetAction internetAction, boolean allowDefaultRoute, List<Cidr> internalNetworks,
                                   List<Probe> probes) {

    public static final SecretDraftingPolicy DEFAULT = new SecretDraftingPolicy((String) null, null, null, null);

    public enum InternetAction implements Choices.Spelled {
        ALERT("alert"), ISOLATE("isolate");

        private final String word;

        InternetAction(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    @JsonCreator
    public SecretDraftingPolicy(@JsonProperty("internetAction") String internetAction,
                                @JsonProperty("allowDefaultRoute") Boolean allowDefaultRoute,
                                @JsonProperty("internalNetworks") List<String> internalNetworks,
                                @JsonProperty("probes") List<Probe> probes) {
        this(Choices.parse(InternetAction.class, "internetAction", internetAction, InternetAction.ALERT),
                allowDefaultRoute != null && allowDefaultRoute,
                internalNetworks == null ? List.of() : internalNetworks.stream().map(SecretDraftingPolicy::network).toList(),
                probes == null ? List.of() : List.copyOf(probes));
    }

    private static Cidr network(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FieldError("internalNetworks", e.getMessage());
        }
    }

    /** A reachability check; exactly one of {@code tcp: "host:port"} or {@code https: "https://…"}. */
    public record Probe(Kind kind, String host, int port, URI uri) {

        public enum Kind { TCP, HTTPS }

        @JsonCreator
        public static Probe of(@JsonProperty("tcp") String tcp, @JsonProperty("https") String https) {
            if ((tcp == null) == (https == null)) {
                throw new FieldError("", "a probe has exactly one of tcp or https");
            }
            if (tcp != null) {
                int colon = tcp.lastIndexOf(':');
                if (colon <= 0) {
                    throw new FieldError("tcp", "must be HOST:PORT (got \"" + tcp + "\")");
                }
                int port;
                try {
                    port = Integer.parseInt(tcp.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new FieldError("tcp", "port must be a number (got \"" + tcp + "\")");
                }
                if (port < 1 || port > 65535) {
                    throw new FieldError("tcp", "port must be 1..65535 (got " + port + ")");
                }
                return new Probe(Kind.TCP, tcp.substring(0, colon).replaceAll("^\\[|]$", ""), port, null);
            }
            URI uri;
            try {
                uri = URI.create(https);
            } catch (IllegalArgumentException e) {
                throw new FieldError("https", "is not a URL (got \"" + https + "\")");
            }
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new FieldError("https", "must be an https:// URL with a host (got \"" + https + "\")");
            }
            return new Probe(Kind.HTTPS, uri.getHost(), uri.getPort() == -1 ? 443 : uri.getPort(), uri);
        }

        public String describe() {
            return kind == Kind.TCP ? "tcp:" + host + ":" + port : "https:" + uri;
        }
    }
}
