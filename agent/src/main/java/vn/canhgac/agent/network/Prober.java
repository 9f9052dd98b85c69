package vn.canhgac.agent.network;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import vn.canhgac.protocol.policy.SecretDraftingPolicy.Probe;
import vn.canhgac.protocol.Errors;

/**
 * Runs the policy's reachability probes, and only those: a TCP connect, or an HTTPS GET whose
 * certificate must verify against the trust material given here (the JDK's default trust store
 * in the agent; a test's own CA in tests). Every probe has a short timeout and all run at once,
 * so a whole round takes about one timeout however many probes there are.
 *
 * <p>Implementation notes: no proxy is ever used (a proxy would answer for the Internet and
 * make an offline machine look connected), redirects are not followed (the probe is about the
 * endpoint named, not where it points), and any HTTP status counts as reachable: the machine got
 * a verified answer from the Internet endpoint, whatever it said. Name resolution is inside the
 * deadline too, because a resolver with no route can block for many seconds.
 */
public final class Prober {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final SSLContext trust;
    private final Duration timeout;

    /** @param trust whose certificates HTTPS probes accept; {@link #withDefaultTrust()} in the agent */
    public Prober(SSLContext trust, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe timeout must be positive (got " + timeout + ")");
        }
        this.trust = trust;
        this.timeout = timeout;
    }

    /** HTTPS probes trust the JDK's default CA certificates, as a browser on the machine would. */
    public static Prober withDefaultTrust() {
        try {
            return new Prober(SSLContext.getDefault(), DEFAULT_TIMEOUT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }

    public List<ProbeResult> run(List<Probe> probes) {
        if (probes.isEmpty()) {
            return List.of();
        }
        boolean anyHttps = probes.stream().anyMatch(probe -> probe.kind() == Probe.Kind.HTTPS);
        // Neither the executor nor the client is closed with close(): that waits for running work, and a
        // name lookup cannot be interrupted. shutdownNow() abandons stragglers; they end with their own timeouts.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = anyHttps ? httpClient() : null;
        try {
            List<Future<ProbeResult>> running = new ArrayList<>();
            for (Probe probe : probes) {
                running.add(threads.submit(() -> probe.kind() == Probe.Kind.TCP ? tcp(probe) : https(http, probe)));
            }
            long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
            List<ProbeResult> results = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                results.add(await(running.get(i), probes.get(i), deadline));
            }
            return results;
        } finally {
            threads.shutdownNow();
            if (http != null) {
                http.shutdownNow();
            }
        }
    }

    private HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(trust).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1).build();
    }

    private ProbeResult await(Future<ProbeResult> result, Probe probe, long deadline) {
        try {
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return unreachable(probe, "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return unreachable(probe, Errors.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(probe, "interrupted");
        }
    }

    private ProbeResult tcp(Probe probe) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(probe.host(), probe.port()), (int) timeout.toMillis());
            return new ProbeResult(probe.describe(), ProbeResult.Outcome.REACHABLE, Addresses.text(socket.getInetAddress()), "connected");
        } catch (IOException e) {
            return unreachable(probe, why(e));
        }
    }

    private ProbeResult https(HttpClient http, Probe probe) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(probe.uri()).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new ProbeResult(probe.describe(), ProbeResult.Outcome.REACHABLE, answeredBy(probe), "HTTP " + response.statusCode());
        } catch (IOException e) {
            if (isCertificateFailure(e)) {
                return new ProbeResult(probe.describe(), ProbeResult.Outcome.UNTRUSTED, answeredBy(probe),
                        "its certificate did not verify: " + Errors.rootMessage(e));
            }
            return unreachable(probe, why(e));
        }
    }

    private String why(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof UnknownHostException) {
            return "name not resolved";
        }
        return Errors.rootMessage(e);
    }

    private static boolean isCertificateFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLPeerUnverifiedException || cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** The address the client just connected to; the JDK's name cache answers without a new lookup. */
    private static String answeredBy(Probe probe) {
        try {
            return Addresses.text(InetAddress.getByName(probe.host()));
        } catch (UnknownHostException e) {
            return "";
        }
    }

    private static ProbeResult unreachable(Probe probe, String detail) {
        return new ProbeResult(probe.describe(), ProbeResult.Outcome.UNREACHABLE, "", detail);
    }
}
