package vn.canhgac.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import vn.canhgac.protocol.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.PasswordHasher;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.config.ServerConfigReader;
import vn.canhgac.server.pki.CertificateAuthority;

/** {@code canhgac-server}: initialise a data directory, or run the server from one. */
@Command(name = "canhgac-server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        description = "Canh Gác management server: agent channel, enrolment and admin API.",
        subcommands = {ServerMain.Init.class, ServerMain.Run.class, ServerMain.Unlock.class})
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
            description = {"Create the data directory, the CA and server keys (owner-only files), the database and the first admin.",
                    "Asks for the admin's name and password on the terminal, or reads them from --admin-user and --admin-password-file;"
                            + " prints the admin's TOTP enrolment (an otpauth:// URI for an authenticator app) and ten recovery codes.",
                    "On a data directory that holds a server without accounts (one from before accounts existed) it only creates the admin."})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", description = "Data directory (default: $CANHGAC_SERVER_DATA or " + DEFAULT_DATA_DIR + ").")
        Path dataDir;

        @Option(names = "--admin-user", paramLabel = "NAME", description = "The first admin's username (asked on the terminal when left out).")
        String adminUser;

        @Option(names = "--admin-password-file", paramLabel = "FILE",
                description = "Read the first admin's password (12 to 256 characters) from the first line of FILE instead of asking.")
        Path adminPasswordFile;

        @Option(names = "--admin-totp-secret-file", paramLabel = "FILE",
                description = "Also write the admin's TOTP secret to FILE (owner-only), for unattended logins such as bin/canhgac-demo.")
        Path adminTotpSecretFile;

        @Option(names = "--without-admin", description = "Only create the data directory, CA, keys and database (a package's "
                + "unattended install); run init again on the console to create the first admin.")
        boolean withoutAdmin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ServerPaths paths = new ServerPaths(dataDirectory(dataDir));
            if (withoutAdmin) {
                if (!CanhGacServer.isInitialised(paths)) {
                    CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
                }
                String fingerprint = CertificateAuthority.load(paths.pki(), Clock.systemUTC(), new SecureRandom()).fingerprint();
                out.println("Initialised " + paths.dataDirectory() + " without an account.");
                out.println("  CA fingerprint:   " + Fingerprints.display(fingerprint));
                out.println("Create the first admin on this console: canhgac-server init --data-dir " + paths.dataDirectory());
                out.flush();
                return 0;
            }
            String noTerminal = "pass --admin-user NAME and --admin-password-file FILE";
            String username = AccountService.normalizeUsername(adminUser != null ? adminUser : ConsoleInput.ask("Admin username: ", noTerminal));
            String password = adminPasswordFile != null ? ConsoleInput.readSecretFile(adminPasswordFile, "--admin-password-file")
                    : ConsoleInput.askNewSecret("Password for " + username + " (12 or more characters): ", noTerminal);
            PasswordHasher.requireAcceptable(password);
            SecureRandom random = new SecureRandom();
            boolean existing = CanhGacServer.isInitialised(paths);
            if (!existing) {
                CanhGacServer.init(paths, random, Clock.systemUTC());
            }
            AccountService.NewAccount admin = CanhGacServer.createFirstAdmin(paths, username, password, Clock.systemUTC(), random);
            if (adminTotpSecretFile != null) {
                KeyFiles.writeSecret(adminTotpSecretFile, admin.totpSecret() + "\n");
            }
            CertificateAuthority ca = CertificateAuthority.load(paths.pki(), Clock.systemUTC(), random);
            out.println((existing ? "Created the first admin of " : "Initialised ") + paths.dataDirectory());
            out.println("  CA fingerprint:   " + Fingerprints.display(ca.fingerprint()));
            out.println("  admin:            " + username);
            out.println();
            out.println("Add the admin's second factor to an authenticator app (scan or paste the URI, or type the secret):");
            out.println("  " + admin.totpUri());
            out.println("  secret: " + admin.totpSecret());
            out.println();
            out.println("Recovery codes, each good for one login without the app. Keep them offline, apart from the password:");
            admin.recoveryCodes().forEach(code -> out.println("  " + code));
            out.println();
            out.println("Next: canhgac-server run --data-dir " + paths.dataDirectory() + ", then canhgacctl login --user " + username);
            out.flush();
            return 0;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Unlock an account on the server's console: the way back in when every admin is locked out. Audited as 'console'.")
    static final class Unlock implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", description = "Data directory (default: $CANHGAC_SERVER_DATA or " + DEFAULT_DATA_DIR + ").")
        Path dataDir;

        @Option(names = "--user", required = true, paramLabel = "NAME", description = "The account to unlock.")
        String user;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ServerPaths paths = new ServerPaths(dataDirectory(dataDir));
            boolean unlocked = CanhGacServer.unlockOnConsole(paths, user, Clock.systemUTC());
            out.println(unlocked ? "Unlocked " + user + "." : user + " was not locked; nothing changed.");
            out.flush();
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
