package vn.canhgac.server.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import vn.canhgac.protocol.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.config.ServerConfigReader;
import vn.canhgac.server.pki.CertificateAuthority;

/** {@code canhgac-server}: initialise a data directory, or run the server from one. */
@Command(name = "canhgac-server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        description = "Canh Gác management server: agent channel, enrolment and admin API.",
        subcommands = {ServerMain.Init.class, ServerMain.Run.class})
public final class ServerMain {

    static final String DEFAULT_DATA_DIR = "/var/lib/canhgac/server";

    public static void main(String[] args) {
        BuildInfo.routeJavaUtilLogging();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ServerMain());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("canhgac-server: " + error.getMessage());
            return 1;
        });
        return commandLine;
    }

    static Path dataDirectory(Path option) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = System.getenv("CANHGAC_SERVER_DATA");
        return Path.of(fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_DATA_DIR);
    }

    /**
     * The configuration file: the option if given, else $CANHGAC_SERVER_CONFIG (the package's launchers
     * set /etc/canhgac/server.yaml), else server.yaml in the data directory.
     */
    static Path configFile(Path option, ServerPaths paths) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = System.getenv("CANHGAC_SERVER_CONFIG");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? Path.of(fromEnvironment) : paths.config();
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the data directory, the CA and server keys (owner-only files) and the admin credential file.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default: $CANHGAC_SERVER_DATA or " + DEFAULT_DATA_DIR + ").")
        Path dataDir;

        @Override
        public Integer call() {
            ServerPaths paths = new ServerPaths(dataDirectory(dataDir));
            CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
            CertificateAuthority ca = CertificateAuthority.load(paths.pki(), Clock.systemUTC(), new SecureRandom());
            System.out.println("Initialised " + paths.dataDirectory());
            System.out.println("  CA fingerprint:   " + Fingerprints.display(ca.fingerprint()));
            System.out.println("  admin credential: " + paths.adminCredential() + " (readable by its owner only)");
            System.out.println("Next: canhgac-server run --data-dir " + paths.dataDirectory());
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the server until interrupted (SIGTERM or Ctrl-C).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default: $CANHGAC_SERVER_DATA or " + DEFAULT_DATA_DIR + ").")
        Path dataDir;

        @Option(names = "--config", description = "Configuration YAML (default: $CANHGAC_SERVER_CONFIG, else DATA_DIR/server.yaml).")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            ServerPaths paths = new ServerPaths(dataDirectory(dataDir));
            ServerConfig config = ServerConfigReader.read(configFile(this.config, paths));
            CanhGacServer server = CanhGacServer.start(paths, config, Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                server.close();
                stopped.countDown();
            }));
            System.out.println("canhgac-server " + BuildInfo.version() + " running: agents " + server.channel().localAddress()
                    + ", enrolment " + server.enrollment().localAddress() + ", API https://" + server.api().localAddress().getHostString()
                    + ":" + server.api().localAddress().getPort());
            stopped.await();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"canhgac-server " + BuildInfo.version()};
        }
    }
}
