package vn.canhgac.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.Totp;
import vn.canhgac.server.cli.ctl.ApiClient;

/**
 * Policy fan-out with N connected simulated agents against a real server process: publishes a
 * revision over the admin API, as an officer would, and times it until every agent has received
 * (and at once acknowledged) the new bundle version, then until the server holds every
 * acknowledgement (no agent lagging).
 */
final class PolicyFanOut {

    private static final String ADMIN = "bench";
    private static final String PASSWORD = "bench password, long enough";
    private static final Duration SERVER_STARTUP_LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One publish: per-agent time from sending the request to receiving the bundle, and until the server saw every status. */
    record Round(int agents, String what, long version, int pushedTo, int received, double medianMillis, double p99Millis,
                 double maxMillis, double serverAllAcknowledgedMillis) {}

    private final Path workDirectory;
    private final String serverHeap;
    private final int handshakesInFlight;
    private final Duration timeout;
    private final PrintStream out;

    PolicyFanOut(Path workDirectory, String serverHeap, int handshakesInFlight, Duration timeout, PrintStream out) {
        this.workDirectory = workDirectory;
        this.serverHeap = serverHeap;
        this.handshakesInFlight = handshakesInFlight;
        this.timeout = timeout;
        this.out = out;
    }

    /** The first assignment to the unit, then {@code publishes} new revisions of the assigned policy. */
    List<Round> run(int agents, int publishes) throws InterruptedException {
        Path directory = workDirectory.resolve(agents + "-agents");
        out.printf(Locale.ROOT, "[%,d agents] provisioning (keys, certificates, an admin)…%n", agents);
        Provisioner.Provisioned provisioned = new Provisioner(Clock.systemUTC(), new SecureRandom()).provision(directory.resolve("server"),
                agents);
        AccountService.NewAccount admin = CanhGacServer.createFirstAdmin(provisioned.paths(), ADMIN, PASSWORD, Clock.systemUTC(),
                new SecureRandom());
        ServerListeners listeners = ServerListeners.onFreePorts(TlsSettings.HYBRID_PREFERRED);
        listeners.writeConfig(provisioned.paths());
        try (ServerProcess server = ServerProcess.start(provisioned.paths(), List.of("-Xmx" + serverHeap), directory, SERVER_STARTUP_LIMIT);
             Fleet fleet = Fleet.prepare(provisioned.agents(), provisioned.caCertificate(), TlsSettings.HYBRID_PREFERRED,
                     new Workload(0, 1, 1, 0), status -> out.println("  " + status))) {
            out.printf(Locale.ROOT, "[%,d agents] server pid %d, log %s; connecting…%n", agents, server.pid(), server.log());
            Fleet.ConnectResult connect = fleet.connect(listeners.agentAddress(), handshakesInFlight, Deadline.after(timeout));
            out.printf(Locale.ROOT, "[%,d agents] %,d held after %.1f s%n", agents, fleet.held(), connect.elapsed().toNanos() / 1e9);
            try (ApiClient api = login(listeners, provisioned, admin)) {
                // Not yet assigned anywhere, so nobody gets it: the assignment is what fans out.
                long firstVersion = versionOf(publish(api, 1));
                List<Round> rounds = new ArrayList<>();
                rounds.add(measure(api, fleet, "assign", () -> {
                    api.post("/api/v1/policy-assignments", Map.of("unit", Provisioner.UNIT, "policy", "fan-out"));
                    return new Sent(firstVersion, -1);
                }));
                for (int revision = 2; revision <= publishes + 1; revision++) {
                    int current = revision;
                    rounds.add(measure(api, fleet, "publish", () -> {
                        String answer = publish(api, current);
                        return new Sent(versionOf(answer), read(answer).get("pushedTo").intValue());
                    }));
                }
                ProcessSample memory = server.sample();
                out.printf(Locale.ROOT, "[%,d agents] server RSS %.0f MiB (peak %.0f MiB)%n", agents, memory.residentMib(),
                        memory.peakResidentMib());
                return rounds;
            }
        }
    }

    /** What a request sent: the bundle version agents should receive, and how many the server says it pushed to (-1: not said). */
    private record Sent(long version, int pushedTo) {}

    private Round measure(ApiClient api, Fleet fleet, String what, Supplier<Sent> request) throws InterruptedException {
        int held = fleet.held();
        long start = System.nanoTime();
        Sent sent = request.get();
        long version = sent.version();
        Deadline deadline = Deadline.after(timeout);
        while (fleet.stats().policyReceipts(version).size() < held && !deadline.expired()) {
            Thread.sleep(5);
        }
        List<Long> receipts = fleet.stats().policyReceipts(version);
        while (lagging(api) > 0 && !deadline.expired()) {
            Thread.sleep(20);
        }
        double serverAll = (System.nanoTime() - start) / 1e6;
        long[] millis = receipts.stream().mapToLong(at -> at - start).sorted().toArray();
        return new Round(held, what, version, sent.pushedTo(), receipts.size(), percentile(millis, 50), percentile(millis, 99),
                percentile(millis, 100), serverAll);
    }

    private static String publish(ApiClient api, int revision) {
        Path document;
        try {
            document = Files.createTempFile("fan-out-", ".yaml");
            Files.writeString(document, """
                    apiVersion: canhgac/v1
                    kind: Policy
                    metadata:
                      name: fan-out
                      description: revision %d
                    usb:
                      storage: %s
                    """.formatted(revision, revision % 2 == 0 ? "read-only" : "block"), StandardCharsets.UTF_8);
            return api.postFile("/api/v1/policies?comment=fan-out%20" + revision, document, Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's policy document: " + e.getMessage(), e);
        }
    }

    private static long versionOf(String publishAnswer) {
        return read(publishAnswer).get("version").longValue();
    }

    private static int lagging(ApiClient api) {
        return read(api.get("/api/v1/policy-lagging")).get("agents").size();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the admin API answered with something that is not JSON: " + json, e);
        }
    }

    private static ApiClient login(ServerListeners listeners, Provisioner.Provisioned provisioned, AccountService.NewAccount admin) {
        try (ApiClient anonymous = new ApiClient(listeners.apiBase(), List.of(provisioned.caCertificate()), Optional.empty())) {
            String code = Totp.code(Totp.fromBase32(admin.totpSecret()), Clock.systemUTC().instant());
            String session = anonymous.post("/api/v1/sessions", Map.of("username", ADMIN, "password", PASSWORD, "totpCode", code));
            return new ApiClient(listeners.apiBase(), List.of(provisioned.caCertificate()),
                    Optional.of(read(session).get("token").textValue()));
        }
    }

    static double percentile(long[] sortedNanos, int percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    static void print(List<Round> rounds, PrintStream out) {
        out.println();
        out.println("Policy fan-out: from the admin API request until each agent received the bundle (it acknowledges at once),");
        out.println("and until the server held every acknowledgement (no agent lagging). Milliseconds.");
        out.printf(Locale.ROOT, "%8s  %-8s %8s %9s %9s %9s %9s %9s %14s%n", "agents", "what", "version", "pushed", "received",
                "median", "p99", "max", "server all ack");
        for (Round r : rounds) {
            out.printf(Locale.ROOT, "%,8d  %-8s %8d %9s %,9d %9.1f %9.1f %9.1f %14.1f%n", r.agents(), r.what(), r.version(),
                    r.pushedTo() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.pushedTo()), r.received(), r.medianMillis(),
                    r.p99Millis(), r.maxMillis(), r.serverAllAcknowledgedMillis());
        }
    }
}
