package vn.canhgac.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.X509ExtendedTrustManager;
import vn.canhgac.protocol.Framing;
import vn.canhgac.protocol.tls.TlsEndpoint;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.tls.TrustManagers;

/**
 * Many simulated agents sharing two event-loop threads: connects them in waves, then has all of
 * them stream at once.
 *
 * <p>Each agent has its own TLS context (its own certificate and key), so every connection is a
 * full mutual-TLS handshake, as with real agents; the contexts are built in {@link #prepare},
 * before any clock starts. At most {@code maxHandshakesInFlight} connections are between opening
 * and an accepted hello at any time, so the server sees a steady stream of new agents rather than
 * a burst of ten thousand that would overrun its accept backlog and handshake timeouts.
 */
final class Fleet implements AutoCloseable {

    private static final int EVENT_LOOP_THREADS = 2;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(EVENT_LOOP_THREADS, NioIoHandler.newFactory());
    private final FleetStats stats;
    private final List<Member> members;
    private final Workload workload;
    private final Consumer<String> progress;

    private record Member(SimulatedAgent agent, TlsEndpoint tls) {}

    /** How the connection phase went; {@code elapsed} runs from the first connect to the last hello answered. */
    record ConnectResult(int attempted, int accepted, Duration elapsed, boolean timedOut) {

        double acceptedPerSecond() {
            return elapsed.isZero() ? 0 : accepted / (elapsed.toNanos() / 1e9);
        }
    }

    private Fleet(List<Member> members, FleetStats stats, Workload workload, Consumer<String> progress) {
        this.members = members;
        this.stats = stats;
        this.workload = workload;
        this.progress = progress;
    }

    /**
     * Builds each agent's TLS context (CPU-bound, so spread over the cores) and its handler;
     * {@code progress} hears how far a long phase has got, every few seconds.
     */
    static Fleet prepare(List<AgentCredential> credentials, X509Certificate caCertificate, TlsSettings tls, Workload workload,
                         Consumer<String> progress) {
        X509ExtendedTrustManager trust = TrustManagers.trusting(List.of(caCertificate));
        FleetStats stats = new FleetStats();
        List<Member> members = credentials.parallelStream()
                .map(credential -> new Member(new SimulatedAgent(credential, workload, stats),
                        TlsEndpoint.client(Optional.of(credential.keyMaterial()), trust, tls)))
                .toList();
        return new Fleet(members, stats, workload, progress);
    }

    FleetStats stats() {
        return stats;
    }

    ConnectResult connect(InetSocketAddress server, int maxHandshakesInFlight, Deadline deadline) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true);
        Semaphore handshakeSlots = new Semaphore(maxHandshakesInFlight);
        long start = System.nanoTime();
        int attempted = 0;
        long nextReport = start + PROGRESS_INTERVAL.toNanos();
        for (Member member : members) {
            if (!handshakeSlots.tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                break;
            }
            if (System.nanoTime() - nextReport >= 0) {
                nextReport += PROGRESS_INTERVAL.toNanos();
                progress.accept(connectStatus(attempted));
            }
            attempted++;
            member.agent().accepted().whenComplete((ignored, failure) -> handshakeSlots.release());
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast("tls", member.tls().newHandler(channel.alloc(), server.getHostString(), server.getPort()));
                    Framing.addTo(channel.pipeline());
                    channel.pipeline().addLast("agent", member.agent());
                }
            }).connect(server).addListener(connected -> {
                if (!connected.isSuccess()) {
                    member.agent().connectFailed(connected.cause());
                }
            });
        }
        int opened = attempted;
        boolean timedOut = !awaitAll(members.subList(0, attempted).stream().map(m -> m.agent().accepted()).toList(), deadline,
                () -> connectStatus(opened));
        long accepted = stats.hellosAccepted.sum();
        return new ConnectResult(attempted, (int) accepted, Duration.ofNanos(System.nanoTime() - start),
                timedOut || attempted < members.size());
    }

    /** Streams every held agent's events; true if all of them finished (acknowledged or failed) before the deadline. */
    boolean stream(Deadline deadline) throws InterruptedException {
        List<SimulatedAgent> held = members.stream().map(Member::agent).filter(SimulatedAgent::isHeld).toList();
        long batchInterval = workload.batchIntervalNanos(held.size());
        List<CompletableFuture<Void>> finished = held.stream().map(agent -> agent.stream(batchInterval)).toList();
        return awaitAll(finished, deadline, () -> String.format("%,d of %,d events acknowledged",
                stats.eventsAcknowledged.sum(), (long) finished.size() * workload.eventsPerAgent()));
    }

    /** Agents whose hello was accepted and whose connection is still open. */
    int held() {
        return (int) members.stream().filter(member -> member.agent().isHeld()).count();
    }

    private String connectStatus(int opened) {
        return String.format("%,d connections opened, %,d hellos accepted, %,d handshake failures", opened,
                stats.hellosAccepted.sum(), stats.handshakeFailures.sum());
    }

    /** Waits until every future is done, failed or not, reporting {@code status} now and then; false if the deadline came first. */
    private boolean awaitAll(List<CompletableFuture<Void>> futures, Deadline deadline, Supplier<String> status)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.stream().map(f -> f.exceptionally(failure -> null))
                .toArray(CompletableFuture[]::new));
        while (true) {
            long wait = Math.min(deadline.remaining().toNanos(), PROGRESS_INTERVAL.toNanos());
            try {
                all.get(wait, TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                if (deadline.expired()) {
                    return false;
                }
                progress.accept(status.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("unexpected failure while waiting for the simulated agents", e);
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
