package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.canhgac.server.cli.CtlMain;

/** A {@code canhgacctl} command that makes API calls: checks its options, connects, runs, prints. */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        ConnectionOptions connection = root().connection();
        try (ApiClient api = needsSession() ? connection.connect(spec.commandLine()) : connection.connectWithoutSession(spec.commandLine())) {
            run(api, out);
        }
        out.flush();
        return 0;
    }

    /** Checks option values before anything is read or sent; throws a picocli ParameterException (exit code 2). */
    void checkOptions() {}

    abstract void run(ApiClient api, PrintWriter out);

    /** Every command but {@code login} sends the saved session. */
    boolean needsSession() {
        return true;
    }

    boolean json() {
        return root().connection().json();
    }

    /** The root command: it holds the shared options, wherever on the command line they were given, and the clock. */
    CtlMain root() {
        return (CtlMain) spec.root().userObject();
    }
}
