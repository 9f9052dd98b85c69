package vn.canhgac.agent.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import vn.canhgac.protocol.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.config.AgentConfigReader;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.enroll.Enroller;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.host.OsFactsReader;
import vn.canhgac.protocol.config.YamlDocuments;

/** {@code canhgac-agent}: enrol this machine, or run the agent service. */
@Command(name = "canhgac-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Canh Gác endpoint agent.", subcommands = {AgentMain.Enroll.class, AgentMain.Run.class, AuditCommand.class,
                EvidenceCommand.class, ExportCommand.class, StatusCommand.class})
public final class AgentMain {

    public static void main(String[] args) {
        BuildInfo.routeJavaUtilLogging();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AgentMain());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("canhgac-agent: " + error.getMessage());
            return 1;
        });
        return commandLine;
    }

    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = "--config", description = "Agent configuration YAML (default: /etc/canhgac/agent.yaml if it exists).")
        Path config;

        @Option(names = "--state-dir", description = "Where keys, certificates and the outbox live (default: "
                + "stateDirectory from the config, else /var/lib/canhgac/agent).")
        Path stateDir;

        @Option(names = "--host-root", defaultValue = "/", description = "Root of the host file system to observe (default: /).")
        Path hostRoot;

        AgentConfig config() {
            AgentConfig read = AgentConfigReader.read(config != null ? config : Path.of("/etc/canhgac/agent.yaml"));
            return stateDir != null ? read.withStateDirectory(stateDir) : read;
        }
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Enrol this machine with a one-time token from `canhgacctl token create`.")
    static final class Enroll implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--server", required = true, description = "The server's enrolment address, HOST:PORT.")
        String server;

        @Option(names = "--token", required = true, description = "The one-time enrolment token (cg1.…).")
        String token;

        @Override
        public Integer call() {
            AgentConfig config = common.config();
            var address = YamlDocuments.address("--server", server);
            AgentIdentity identity = new Enroller(config.tls(), new SecureRandom()).enroll(address, token,
                    new OsFactsReader(HostRoot.of(common.hostRoot)).read(), config.stateDirectory());
            System.out.println("Enrolled as agent " + identity.agentId() + " (unit \"" + identity.unit() + "\", role " + identity.role() + ")");
            System.out.println("Next: canhgac-agent run --state-dir " + config.stateDirectory());
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent until interrupted (SIGTERM or Ctrl-C).")
    static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--policy", description = "Local policy YAML (../shared/POLICY.md schema); default: policyFile from the config, "
                + "else the documented defaults.")
        Path policy;

        @Option(names = "--enforcement", description = "enforce (default) or report-only: carry out verdicts, or only report them.")
        String enforcement;

        @Override
        public Integer call() throws InterruptedException {
            AgentConfig config = common.config();
            if (policy != null) {
                config = config.withPolicyFile(policy);
            }
            if (enforcement != null) {
                config = config.withEnforcement(Enforcement.parse(enforcement));
            }
            AgentRuntime runtime = AgentRuntime.start(config, HostRoot.of(common.hostRoot), Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                // SIGTERM or SIGINT: a service stop, a system shutdown or Ctrl-C; the JVM cannot tell which.
                runtime.close("terminated");
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"canhgac-agent " + BuildInfo.version()};
        }
    }
}
