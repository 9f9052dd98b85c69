package vn.canhgac.server.cli.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.server.api.ApiModel.SigningKeysBody;

/** {@code canhgacctl server}: facts about the server itself. */
@Command(name = "server", description = "The server's own keys.", subcommands = {ServerCommands.Keys.class})
public final class ServerCommands {

    private ServerCommands() {}

    @Command(name = "keys", description = {"Write the public halves of the server's signing keys (ed25519.pub, ml-dsa-65.pub) to DIR,",
            "for `canhgacctl report verify` on a machine that never reaches the server. Compare the fingerprint printed here",
            "with the one the server's administrator reads out."})
    static final class Keys extends ApiCommand {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the two key files to (created if missing).")
        Path out;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/server/signing-keys");
            SigningKeysBody body = api.read(answer, SigningKeysBody.class);
            VerifyingKeys keys;
            try {
                keys = VerifyingKeys.fromEncoded(der(body.ed25519()), der(body.mlDsa65()));
            } catch (IllegalArgumentException e) {
                throw new CtlException("the server sent signing keys canhgacctl cannot read (" + e.getMessage() + ")", e);
            }
            if (!keys.fingerprint().equals(body.fingerprint())) {
                throw new CtlException("the server's keys do not match the fingerprint it sent (" + body.fingerprint() + "); nothing was written");
            }
            try {
                Files.createDirectories(this.out);
            } catch (IOException e) {
                throw new CtlException("cannot create " + this.out + ": " + e.getMessage(), e);
            }
            keys.writeTo(this.out);
            if (json()) {
                out.println(answer);
                return;
            }
            out.println("Wrote the server's public signing keys to " + this.out + " (ed25519.pub, ml-dsa-65.pub)");
            out.println("  fingerprint: " + keys.fingerprint());
        }

        /** The DER inside one PEM block. */
        private static byte[] der(String pem) {
            String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        }
    }
}
