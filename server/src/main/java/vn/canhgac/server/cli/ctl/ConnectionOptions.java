package vn.canhgac.server.cli.ctl;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.auth.AdminCredential;
import vn.canhgac.server.cli.CtlMain;
import vn.canhgac.server.config.ServerConfigReader;

/**
 * The options every {@code canhgacctl} command shares: which server's data directory to take the
 * credential, CA and API address from, an explicit API address, and raw JSON output. Mixed into
 * the root command with scope INHERIT, so they are accepted before or after the subcommand
 * ({@code canhgacctl --data-dir D agent list} and {@code canhgacctl agent list --data-dir D}) and
 * land in this one object either way.
 */
public final class ConnectionOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The server's data directory: admin.credential, pki/ca.crt and server.yaml (apiListen; $CANHGAC_SERVER_CONFIG"
                    + " names another file) are read from it."
                    + " Default: $CANHGAC_SERVER_DATA or " + CtlMain.DEFAULT_DATA_DIR + ".")
    Path dataDir;

    @Option(names = "--api", paramLabel = "https://HOST:PORT", scope = ScopeType.INHERIT,
            description = "The admin API's address; default: apiListen in DIR/server.yaml (127.0.0.1:8443 when unset).")
    String api;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON answer as it came, for scripts.")
    boolean json;

    public boolean json() {
        return json;
    }

    /**
     * A client for the API this command talks to; the caller closes it.
     *
     * @param command the command being run, whose usage a bad {@code --api} is reported with
     */
    public ApiClient connect(CommandLine command) {
        ServerPaths paths = new ServerPaths(CtlMain.dataDirectory(dataDir));
        URI base = api != null ? parseApi(api, command) : configuredApi(paths);
        String credential;
        try {
            credential = AdminCredential.read(paths.adminCredential());
        } catch (UncheckedIOException e) {
            throw new CtlException(e.getMessage(), e);
        }
        return new ApiClient(base, ApiClient.readCas(paths.caCertificate()), credential, paths.adminCredential().toString());
    }

    private static URI parseApi(String value, CommandLine command) {
        try {
            URI uri = new URI(value);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0 && bare
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                return new URI("https", null, uri.getHost(), uri.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // Reported below, with the form we expect.
        }
        throw new ParameterException(command, "--api must be https://HOST:PORT, e.g. https://127.0.0.1:8443 (got \""
                + value + "\")");
    }

    /** apiListen from server.yaml; a wildcard listen address is reached on loopback, which the server certificate names. */
    private static URI configuredApi(ServerPaths paths) {
        InetSocketAddress listen = ServerConfigReader.read(CtlMain.configFile(paths)).apiListen();
        String host = listen.getHostString();
        if (listen.getAddress() != null && listen.getAddress().isAnyLocalAddress()) {
            host = listen.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1";
        }
        try {
            return new URI("https", null, host, listen.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new CtlException(CtlMain.configFile(paths) + ": apiListen \"" + host + ":" + listen.getPort() + "\" is not a usable address", e);
        }
    }
}
