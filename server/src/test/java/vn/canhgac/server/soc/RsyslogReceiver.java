package vn.canhgac.server.soc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd in the foreground ({@code -n}, its own config and pid file), listening on
 * 127.0.0.1 with RFC 5425 TLS (imtcp, GnuTLS) and RELP with TLS (imrelp). It writes the MSGID and
 * structured data of every Canh Gác message to one line of {@link #output}. The main queue is
 * direct: a message is in the file before imrelp acknowledges it, so a graceful stop loses nothing.
 */
final class RsyslogReceiver implements AutoCloseable {
    static final String RSYSLOGD = "/usr/sbin/rsyslogd";

    final int tlsPort;
    final int relpPort;
    final Path output;
    private final Path directory;
    private final Path config;
    private Process process;

    static boolean available() {
        return Files.isExecutable(Path.of(RSYSLOGD));
    }

    RsyslogReceiver(Path directory, SocTestSupport.TlsFiles tls) throws IOException {
        this.directory = directory;
        this.tlsPort = SocTestSupport.freePort();
        this.relpPort = SocTestSupport.freePort();
        this.output = directory.resolve("received.log");
        this.config = directory.resolve("rsyslog.conf");
        Files.writeString(config, String.join("\n",
                "global(workDirectory=\"" + directory + "\" defaultNetstreamDriver=\"gtls\""
                        + " defaultNetstreamDriverCAFile=\"" + tls.ca() + "\" defaultNetstreamDriverCertFile=\"" + tls.certificate() + "\""
                        + " defaultNetstreamDriverKeyFile=\"" + tls.key() + "\" maxMessageSize=\"64k\")",
                "main_queue(queue.type=\"direct\")",
                "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + tlsPort + "\""
                        + " gnutlsPriorityString=\"NORMAL:-VERS-ALL:+VERS-TLS1.3\")",
                "module(load=\"imrelp\")",
                "input(type=\"imrelp\" address=\"127.0.0.1\" port=\"" + relpPort + "\" tls=\"on\" tls.caCert=\"" + tls.ca() + "\""
                        + " tls.myCert=\"" + tls.certificate() + "\" tls.myPrivKey=\"" + tls.key() + "\" tls.authMode=\"certvalid\")",
                "template(name=\"received\" type=\"string\" string=\"%msgid% %structured-data%\\n\")",
                "if $app-name == \"canhgac\" then action(type=\"omfile\" file=\"" + output + "\" template=\"received\")",
                ""), StandardCharsets.UTF_8);
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(RSYSLOGD, "-n", "-f", config.toString(), "-i", directory.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("rsyslogd.out").toFile()))
                .start();
        SocTestSupport.await("rsyslogd to listen on ports " + tlsPort + " and " + relpPort + " (see "
                + directory.resolve("rsyslogd.out") + ")", () -> listening(tlsPort) && listening(relpPort));
    }

    /** SIGTERM, as a service manager stops it: rsyslogd closes its inputs and finishes its actions. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    List<String> lines() throws IOException {
        return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
    }

    private boolean listening(int port) {
        if (!process.isAlive()) {
            throw new AssertionError("rsyslogd exited with " + process.exitValue() + "; see " + directory.resolve("rsyslogd.out"));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping rsyslogd", e);
        }
    }
}
