package vn.canhgac.bench.soc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.soc.SocDestination;
import vn.canhgac.server.soc.SocExport;
import vn.canhgac.server.soc.SocExportConfig;
import vn.canhgac.server.soc.SocKind;
import vn.canhgac.server.soc.SyslogFormat;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/**
 * {@code bin/canhgac-bench-soc}: the sustained SOC export rate into a local rsyslogd over RFC 5425
 * TLS 1.3 (imtcp, GnuTLS), from a real SQLite database through the durable cursor, for each
 * format. Stores the events first, then times the forwarder from its start until its cursor
 * holds the last one, and counts the lines rsyslogd wrote. Prints figures; asserts nothing.
 *
 * <p>Options: {@code --events N} (default 100000), {@code --batch N} (default 500),
 * {@code --payload-bytes B} (default 300). Needs {@code /usr/sbin/rsyslogd} and rsyslog-gnutls.
 */
public final class SocForwardingBenchmark {
    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    private SocForwardingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = option(args, "--events", 100_000);
        int batch = option(args, "--batch", 500);
        int payloadBytes = option(args, "--payload-bytes", 300);
        if (!Files.isExecutable(RSYSLOGD)) {
            System.err.println("canhgac-bench-soc: " + RSYSLOGD + " is missing; install rsyslog and rsyslog-gnutls (apt-get install rsyslog rsyslog-gnutls)");
            System.exit(2);
        }
        Path directory = Files.createTempDirectory("canhgac-bench-soc-");
        System.out.printf(Locale.ROOT, "SOC export into rsyslogd over TLS 1.3: %d events of ~%d-byte payloads, batches of %d, in %s; %d cores%n",
                events, payloadBytes, batch, directory, Runtime.getRuntime().availableProcessors());
        CertificateAuthority ca = CertificateAuthority.create(directory.resolve("pki"), "Bench SOC", Clock.systemUTC(), new SecureRandom());
        KeyMaterial identity = ca.serverIdentity(directory.resolve("pki"), List.of("127.0.0.1"));
        Path caFile = Files.writeString(directory.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Files.writeString(directory.resolve("server.pem"), Pem.encode(identity.leaf()));
        Files.writeString(directory.resolve("server.key"), Pem.encode(identity.key()));
        SigningKeys keys = SigningKeys.generate(new SecureRandom());

        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("canhgac.db"))) {
            fill(database, events, payloadBytes);
            for (SyslogFormat format : SyslogFormat.values()) {
                Path output = directory.resolve("received-" + format.configName() + ".log");
                int port = freePort();
                Process rsyslogd = startRsyslogd(directory, port, output, format.configName());
                try {
                    SocDestination destination = new SocDestination("bench-" + format.configName(), SocKind.SYSLOG_TLS, "127.0.0.1", port,
                            Optional.empty(), format, Optional.of(caFile), Optional.empty(), Optional.empty(), SocFilter.everything(),
                            "canhgac", "canhgac-bench", 20, 32473, 8192, batch, true);
                    long started = System.nanoTime();
                    try (SocExport export = SocExport.start(new SocExportConfig(List.of(destination)), database.socExport(), keys,
                            Clock.systemUTC(), SocExport.Timing.defaults())) {
                        while (export.status().getFirst().sent() < events) {
                            Thread.sleep(5);
                        }
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    stop(rsyslogd);
                    long received;
                    try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
                        received = lines.count();
                    }
                    System.out.printf(Locale.ROOT, "  %-10s %,d events in %.2f s = %,.0f events/s; rsyslogd wrote %,d lines%n",
                            format.configName(), events, seconds, events / seconds, received);
                } finally {
                    stop(rsyslogd);
                }
            }
        }
    }

    private static void fill(SqliteDatabase database, int events, int payloadBytes) {
        Instant now = Instant.now();
        database.units().insert(new Unit("Sở Nội vụ", Optional.empty(), now));
        database.agents().insert(AgentRecord.enrolled("bench-agent", "Sở Nội vụ", "internal-workstation", "1", now.plusSeconds(3600), now));
        String padding = "x".repeat(Math.max(0, payloadBytes - 40));
        for (int start = 1; start <= events; start += 1000) {
            List<NewEvent> batch = new ArrayList<>();
            for (int sequence = start; sequence < Math.min(events + 1, start + 1000); sequence++) {
                batch.add(new NewEvent(sequence, now, "usb.violation", 4, "{\"n\":" + sequence + ",\"pad\":\"" + padding + "\"}"));
            }
            database.events().storeBatches(List.of(new AgentBatch("bench-agent", batch)), now);
        }
    }

    private static Process startRsyslogd(Path directory, int port, Path output, String name) throws Exception {
        Path config = directory.resolve("rsyslog-" + name + ".conf");
        Files.writeString(config, String.join("\n",
                "global(workDirectory=\"" + directory + "\" defaultNetstreamDriver=\"gtls\" defaultNetstreamDriverCAFile=\""
                        + directory.resolve("ca.pem") + "\" defaultNetstreamDriverCertFile=\"" + directory.resolve("server.pem")
                        + "\" defaultNetstreamDriverKeyFile=\"" + directory.resolve("server.key") + "\" maxMessageSize=\"64k\")",
                "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\" gnutlsPriorityString=\"NORMAL:-VERS-ALL:+VERS-TLS1.3\")",
                "template(name=\"received\" type=\"string\" string=\"%msgid%\\n\")",
                "if $app-name == \"canhgac\" then action(type=\"omfile\" file=\"" + output + "\" template=\"received\")", ""));
        Process process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(), "-i",
                directory.resolve("rsyslogd-" + name + ".pid").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("rsyslogd-" + name + ".out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("rsyslogd did not start listening on port " + port + "; see "
                        + directory.resolve("rsyslogd-" + name + ".out"));
            }
            Thread.sleep(20);
        }
        return process;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                int value = Integer.parseInt(args[i + 1]);
                if (value < 1) {
                    throw new IllegalArgumentException(name + " must be positive (got " + value + ")");
                }
                return value;
            }
        }
        return fallback;
    }
}
