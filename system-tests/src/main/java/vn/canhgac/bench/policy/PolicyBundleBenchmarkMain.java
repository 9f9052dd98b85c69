package vn.canhgac.bench.policy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxRecorder;
import vn.canhgac.agent.policy.ActivePolicy;
import vn.canhgac.agent.policy.BundleAcceptance;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyBundles;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

/**
 * {@code bin/canhgac-bench-policy}: what a policy bundle costs the agent. For a typical policy
 * document and a large one, times the pure acceptance (both signatures, parse), the whole offer
 * (acceptance, durable store with two fsyncs, the event in the outbox) and the start-up
 * re-verification of the stored bundle, in a temporary state directory. Prints figures; asserts
 * nothing.
 *
 * <p>Options: {@code --bundles N} (default 200): offers per document size.
 */
public final class PolicyBundleBenchmarkMain {

    private static final String TYPICAL_SECTIONS = """
            usb:
              storage: block
              allow:
                - vendorId: "0951"
                  productId: "1666"
                  serial: "60A44C3FAE3CF1A0"
                  note: USB mã hóa cấp cho Văn phòng
            software:
              mode: deny-list
              action: alert
              deny:
                - name: "TeamViewer*"
                - publisher: "Example Remote Ltd"
            secretDrafting:
              internetAction: alert
              internalNetworks: ["10.0.0.0/8", "192.168.0.0/16"]
            documents:
              scan: true
              roots: ["/home", "/root"]
            """;

    private PolicyBundleBenchmarkMain() {}

    public static void main(String[] args) throws IOException {
        int bundles = args.length == 2 && args[0].equals("--bundles") ? Integer.parseInt(args[1]) : 200;
        SigningKeys keys = SigningKeys.generate(new SecureRandom());
        System.out.printf(Locale.ROOT, "Policy bundles on the agent: %d offers per document; load average %.2f, %d cores%n", bundles,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        run("typical", document(TYPICAL_SECTIONS), keys, bundles);
        run("large", document(TYPICAL_SECTIONS + "  # " + "x".repeat(200 * 1024) + "\n"), keys, bundles);
    }

    private static void run(String label, byte[] document, SigningKeys keys, int bundles) throws IOException {
        LongFunction<PolicyBundle> bundle = version -> PolicyBundles.sign(keys, version, "bench", version, 0, document);
        Path state = Files.createTempDirectory("canhgac-policy-bench-");
        ActivePolicy unsigned = ActivePolicy.unsigned(Policy.defaults(), "built-in defaults");
        try (Outbox outbox = Outbox.open(state.resolve("outbox.db"), 1_000_000, Clock.systemUTC())) {
            PolicyBundle[] signed = new PolicyBundle[bundles];
            for (int i = 0; i < bundles; i++) {
                signed[i] = bundle.apply(i + 1L);
            }
            long[] judge = new long[bundles];
            for (int i = 0; i < bundles; i++) {
                long started = System.nanoTime();
                BundleAcceptance.judge(Optional.of(keys.verifying()), i, signed[i]);
                judge[i] = System.nanoTime() - started;
            }
            SignedPolicies policies = SignedPolicies.open(Optional.of(keys.verifying()), state, unsigned, new OutboxRecorder(outbox)::append);
            long[] offer = new long[bundles];
            for (int i = 0; i < bundles; i++) {
                long started = System.nanoTime();
                if (!policies.offer(signed[i]).accepted()) {
                    throw new IllegalStateException("bundle " + (i + 1) + " was refused");
                }
                offer[i] = System.nanoTime() - started;
            }
            long started = System.nanoTime();
            long reopenedVersion = SignedPolicies.inspect(Optional.of(keys.verifying()), state, unsigned).active().version();
            long reopen = System.nanoTime() - started;
            System.out.printf(Locale.ROOT, "%-8s document %,9d bytes, bundle %,9d bytes%n", label, document.length, signed[0].getSerializedSize());
            System.out.printf(Locale.ROOT, "  accept (verify both, parse):        median %7.2f ms  p99 %7.2f ms%n", median(judge), p99(judge));
            System.out.printf(Locale.ROOT, "  offer (accept, store+fsync, event): median %7.2f ms  p99 %7.2f ms%n", median(offer), p99(offer));
            System.out.printf(Locale.ROOT, "  start-up re-verification of version %d: %.2f ms (one run, cold)%n", reopenedVersion, reopen / 1e6);
        } finally {
            BenchFiles.deleteTree(state);
        }
    }

    private static byte[] document(String sections) {
        return ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: bench\n" + sections).getBytes(StandardCharsets.UTF_8);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    }
}
