package vn.canhgac.server.cli.ctl;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.cli.CtlMain;
import vn.canhgac.server.config.ServerConfigReader;

/**
 * The options every {@code canhgacctl} command shares: which server's data directory to take the
 * CA and API address from, an explicit API address, raw JSON output and where the session is kept. Mixed into
 * the root command with scope INHERIT, so they are accepted before or after the subcommand
 * ({@code canhgacctl --data-dir D agent list} and {@code canhgacctl agent list --data-dir D}) and
 * land in this one object either way.
 */
public final class ConnectionOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The server's data directory: pki/ca.crt and server.yaml (apiListen; $CANHGAC_SERVER_CONFIG"
                    + " names another file) are read from it."
                    + " Default: $CANHGAC_SERVER_DATA or " + CtlMain.DEFAULT_DATA_DIR + ".")
    Path dataDir;

    @Option(names = "--api", paramLabel = "https://HOST:PORT", scope = ScopeType.INHERIT,
            description = "The admin API's address; default: apiListen in DIR/server.yaml (127.0.0.1:8443 when unset).")
    String api;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON answer as it came, for scripts.")
    boolean json;

    @Option(names = "--session-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Where `login` keeps the session. Default: $CANHGAC_SESSION, else $XDG_CONFIG_HOME/canhgac/session,"
                    + " else ~/.config/canhgac/session.")
    Path sessionFile;

    public boolean json() {
        return json;
    }

    public Path sessionFile() {
        return SessionFile.location(sessionFile);
    }

    /** The admin API's address: {@code --api}, else apiListen in the data directory's server.yaml. */
    public URI api(CommandLine command) {
        return api != null ? parseApi(api, command) : configuredApi(new ServerPaths(CtlMain.dataDirectory(dataDir)));
    }

    /**
     * A client for the API this command talks to, with the saved session; the caller closes it.
     *
     * @param command the command being run, whose usage a bad {@code --api} is reported with
     */
    public ApiClient connect(CommandLine command) {
        URI base = api(command);
        SessionFile.Saved session = savedSession();
        if (!session.api().equals(base.toString())) {
            throw new CtlException("the session in " + sessionFile() + " is for the API at " + session.api() + ", not " + base
                    + "; log in to this one with `canhgacctl login --user NAME`");
        }
        return new ApiClient(base, cas(), Optional.of(session.token()));
    }

    /** The account of the saved session. */
    public String savedUsername() {
        return savedSession().username();
    }

    private SessionFile.Saved savedSession() {
        Path file = sessionFile();
        return SessionFile.load(file).orElseThrow(() -> new CtlException("not logged in: run"
                + " `canhgacctl login --user NAME` first (the session is kept in " + file + ")"));
    }

    /** A client without a session, for logging in. */
    public ApiClient connectWithoutSession(CommandLine command) {
        return new ApiClient(api(command), cas(), Optional.empty());
    }

    private List<X509Certificate> cas() {
        return ApiClient.readCas(new ServerPaths(CtlMain.dataDirectory(dataDir)).caCertificate());
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
