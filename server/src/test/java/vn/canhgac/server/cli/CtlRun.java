package vn.canhgac.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.api.ApiFixture;

/** canhgacctl run in-process with a saved session file, as `canhgacctl login` leaves it, and what it printed. */
record CtlRun(int exitCode, String out, String err) {

    /** Runs {@code args} as {@code username}, whose session token is {@code token}, against the fixture's API. */
    static CtlRun as(ApiFixture api, Path dir, String username, String token, String... args) {
        Path session = dir.resolve("session-" + username);
        KeyFiles.writeSecret(session, "{\"api\":\"" + api.base() + "\",\"username\":\"" + username + "\",\"token\":\"" + token
                + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", api.paths.dataDirectory().toString(), "--api", api.base(), "--session-file", session.toString()));
        return run(Clock.systemUTC(), all.toArray(String[]::new));
    }

    /** Runs {@code args} exactly as given, with this clock. */
    static CtlRun run(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CtlMain.commandLine(clock);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CtlRun(exitCode, out.toString(), err.toString());
    }
}
