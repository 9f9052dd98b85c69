package vn.canhgac.installer.release;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code canhgac-verify-artifacts DIR}: checks the signed SHA-256 sums and the signature of every artifact in DIR. */
@Command(name = "canhgac-verify-artifacts", mixinStandardHelpOptions = true,
        description = {"Checks a Canh Gác release directory: the Ed25519 signature of SHA256SUMS, and each artifact's SHA-256 and",
            "signature. Exit status 0 when all of it holds, 1 otherwise."})
public final class VerifyArtifactsMain implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The directory with the artifacts, SHA256SUMS and the .sig files.")
    Path directory;

    @Option(names = "--public-key", paramLabel = "FILE", description = "The release public key you trust (PEM). Default: "
            + ReleaseFiles.PUBLIC_KEY + " in DIR, which proves the files are intact but not who signed them.")
    Path publicKey;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new VerifyArtifactsMain()).setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("canhgac-verify-artifacts: " + error.getMessage());
            return 1;
        });
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean pinned = publicKey != null;
        Path keyFile = pinned ? publicKey : directory.resolve(ReleaseFiles.PUBLIC_KEY);
        ArtifactVerifier.Report report = ArtifactVerifier.verify(directory, ReleaseFiles.readPublicKey(keyFile));
        out.println("release key " + report.keyFingerprint() + (pinned ? " (from " + keyFile + ")"
                : " (taken from the directory itself: compare this fingerprint with the one your organisation published, or pass --public-key)"));
        report.verified().forEach(name -> out.println("OK      " + name));
        report.absent().forEach(name -> out.println("absent  " + name + " (listed in SHA256SUMS, not in this directory)"));
        report.failures().forEach(failure -> out.println("FAILED  " + failure));
        if (report.verified().isEmpty() && report.failures().isEmpty()) {
            out.println("FAILED  no artifact in " + directory + " to verify");
        }
        out.println(report.ok() ? "verified " + report.verified().size() + " artifact(s)" : "VERIFICATION FAILED");
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
