package vn.canhgac.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import vn.canhgac.protocol.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.cli.ctl.AgentCommands;
import vn.canhgac.server.cli.ctl.AuditCommands;
import vn.canhgac.server.cli.ctl.ConnectionOptions;
import vn.canhgac.server.cli.ctl.EventCommands;
import vn.canhgac.server.cli.ctl.ImportCommand;
import vn.canhgac.server.cli.ctl.PolicyCommands;
import vn.canhgac.server.cli.ctl.IncidentCommands;
import vn.canhgac.server.cli.ctl.RetentionCommands;
import vn.canhgac.server.cli.ctl.HealthCommand;
import vn.canhgac.server.cli.ctl.ReportCommands;
import vn.canhgac.server.cli.ctl.ServerCommands;
import vn.canhgac.server.cli.ctl.SessionCommands;
import vn.canhgac.server.cli.ctl.SocCommands;
import vn.canhgac.server.cli.ctl.TokenCommands;
import vn.canhgac.server.cli.ctl.UnitCommands;
import vn.canhgac.server.cli.ctl.UserCommands;

/**
 * {@code canhgacctl}: the admin API from the server's console. It reads the CA certificate and
 * the API address from the server's data directory, so on the server it needs no setup beyond
 * {@code canhgacctl login}, which keeps the session in an owner-only file. Exit codes are
 * picocli's: 0 done, 1 failed (one line on stderr), 2 usage.
 */
// scope INHERIT gives every subcommand --help and --version.
@Command(name = "canhgacctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = CtlMain.Version.class,
        description = "Manage a Canh Gác server through its admin API: log in, then units, accounts, enrolment tokens, agents,"
                + " events, incidents, retention, the audit log, imports of offline agents' bundles, policies, SOC export and violation reports.",
        subcommands = {HealthCommand.class, SessionCommands.Login.class, SessionCommands.Logout.class, SessionCommands.Whoami.class, UnitCommands.class,
                UserCommands.class, TokenCommands.class, AgentCommands.class, EventCommands.class, AuditCommands.class, ImportCommand.class,
                PolicyCommands.class, SocCommands.class, IncidentCommands.class, RetentionCommands.class,
                ReportCommands.class, ServerCommands.class})
public final class CtlMain {

    public static final String DEFAULT_DATA_DIR = ServerMain.DEFAULT_DATA_DIR;

    private final Clock clock;

    @Mixin
    private ConnectionOptions connection;

    private CtlMain(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static void main(String[] args) {
        BuildInfo.routeJavaUtilLogging();
        System.exit(commandLine(Clock.systemUTC()).execute(args));
    }

    /** The command line, with the clock that {@code --since 1h} counts back from. */
    public static CommandLine commandLine(Clock clock) {
        CommandLine commandLine = new CommandLine(new CtlMain(clock));
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("canhgacctl: " + (error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName()));
            line.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    public Clock clock() {
        return clock;
    }

    /** The shared options, as given before or after the subcommand. */
    public ConnectionOptions connection() {
        return connection;
    }

    /** The data directory: the option if given, else $CANHGAC_SERVER_DATA, else the packaged default (as for canhgac-server). */
    public static Path dataDirectory(Path option) {
        return ServerMain.dataDirectory(option);
    }

    /** The server's configuration file, found as {@code canhgac-server run} finds it without {@code --config}. */
    public static Path configFile(ServerPaths paths) {
        return ServerMain.configFile(null, paths);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"canhgacctl " + BuildInfo.version()};
        }
    }
}
