package vn.canhgac.agent.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static vn.canhgac.agent.policy.TestBundles.SERVER;
import static vn.canhgac.agent.policy.TestBundles.signed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.EventSink;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.v1.PolicyBundle;

class SignedPoliciesTest {

    private static final Optional<VerifyingKeys> KEYS = Optional.of(SERVER.verifying());
    private static final ActivePolicy LOCAL = ActivePolicy.unsigned(Policy.defaults(), "built-in defaults");

    record Event(String type, EventSeverity severity, Map<String, ?> details) {}

    @TempDir
    Path state;

    private final List<Event> events = new ArrayList<>();
    private final EventSink sink = (type, severity, details) -> events.add(new Event(type, severity, Map.copyOf(details)));

    private SignedPolicies open() {
        return SignedPolicies.open(KEYS, state, LOCAL, sink);
    }

    private Path stored() {
        return state.resolve(PolicyBundleFile.FILE_NAME);
    }

    @Test
    void withNothingStoredTheLocalPolicyRunsAtVersionZero() {
        SignedPolicies policies = open();

        assertEquals(LOCAL, policies.current());
        assertEquals(0, policies.runningVersion());
        assertEquals(List.of(), events);
    }

    @Test
    void acceptedBundleRunsAtOnceIsStoredAndRecorded() throws Exception {
        SignedPolicies policies = open();
        PolicyBundle bundle = signed(5, "so-noi-vu", 2);

        SignedPolicies.Answer answer = policies.offer(bundle);

        assertEquals(new SignedPolicies.Answer(5, true, "", 5), answer);
        assertEquals("so-noi-vu", policies.current().policy().metadata().name(), "collectors see the new policy without a restart");
        assertEquals(5, policies.runningVersion());
        assertArrayEquals(bundle.toByteArray(), Files.readAllBytes(stored()));
        assertEquals(List.of(new Event("policy.applied", EventSeverity.INFO,
                Map.of("version", 5L, "policyName", "so-noi-vu", "revision", 2L, "previousVersion", 0L))), events);
    }

    @Test
    void refusedBundleKeepsThePolicyAndRecordsWhyForTheServer() {
        SignedPolicies policies = open();
        policies.offer(signed(5, "so-noi-vu", 2));
        events.clear();

        SignedPolicies.Answer answer = policies.offer(TestBundles.flipMlDsa65(signed(6, "so-noi-vu", 3)));

        String reason = "ML-DSA-65 signature does not verify against the server's key";
        assertEquals(new SignedPolicies.Answer(5, false, reason, 6), answer);
        assertEquals(5, policies.runningVersion());
        assertEquals(List.of(new Event("policy.refused", EventSeverity.HIGH,
                Map.of("offeredVersion", 6L, "runningVersion", 5L, "policyName", "so-noi-vu", "reason", reason))), events);
    }

    @Test
    void olderBundleIsRefusedAndRecorded() {
        SignedPolicies policies = open();
        policies.offer(signed(7, "p", 2));

        SignedPolicies.Answer answer = policies.offer(signed(4, "p", 1));

        assertEquals(new SignedPolicies.Answer(7, false, "version 4 is not newer than the running version 7", 4), answer);
        assertEquals("policy.refused", events.getLast().type());
    }

    @Test
    void resendOfTheRunningVersionIsAnsweredWithoutAnEvent() {
        SignedPolicies policies = open();
        PolicyBundle bundle = signed(7, "p", 2);
        policies.offer(bundle);
        events.clear();

        SignedPolicies.Answer answer = policies.offer(bundle);

        assertEquals(new SignedPolicies.Answer(7, false, "already running version 7", 7), answer);
        assertEquals(List.of(), events, "a reconnect that resends the bundle must not flood the server with refusals");
    }

    @Test
    void afterARestartTheStoredBundleRunsAndOlderVersionsAreStillRefused() {
        open().offer(signed(7, "p", 2));
        events.clear();

        SignedPolicies restarted = open();

        assertEquals(7, restarted.runningVersion());
        assertEquals("p", restarted.current().name());
        assertEquals(2, restarted.current().revision());
        assertEquals(List.of(), events);
        assertFalse(restarted.offer(signed(6, "p", 1)).accepted());
        assertTrue(restarted.offer(signed(8, "p", 3)).accepted());
    }

    @Test
    void storedBundleSignedByOtherKeysIsNotUsedAfterARestart() {
        open().offer(signed(7, "p", 2));

        SignedPolicies restarted = SignedPolicies.open(Optional.of(TestBundles.OTHER_SERVER.verifying()), state, LOCAL, sink);

        assertEquals(LOCAL, restarted.current());
    }

    @Test
    void tamperedStoredBundleIsSetAsideReportedAndTheLocalPolicyRunsAtVersionZero() throws Exception {
        open().offer(signed(7, "p", 2));
        byte[] bytes = Files.readAllBytes(stored());
        String text = new String(bytes, ISO_8859_1).replace("read-only", "allow    ");
        Files.write(stored(), text.getBytes(ISO_8859_1));
        events.clear();

        SignedPolicies restarted = open();

        assertEquals(LOCAL, restarted.current());
        assertEquals(0, restarted.runningVersion(), "version 0 in the hello makes the server send its bundle again");
        Event event = events.getFirst();
        assertEquals("policy.stored_bundle_rejected", event.type());
        assertEquals(EventSeverity.HIGH, event.severity());
        assertEquals("the stored bundle (version 7) is refused: Ed25519 signature does not verify against the server's key",
                event.details().get("reason"));
        assertFalse(Files.exists(stored()));
        assertArrayEquals(text.getBytes(ISO_8859_1),
                Files.readAllBytes(state.resolve(PolicyBundleFile.FILE_NAME + PolicyBundleFile.REJECTED_SUFFIX)), "kept for investigation");

        events.clear();
        assertEquals(0, open().runningVersion());
        assertEquals(List.of(), events, "reported once, not at every start");
        assertTrue(open().offer(signed(7, "p", 2)).accepted(), "the server's resend is accepted again");
    }

    @Test
    void truncatedStoredBundleIsSetAsideAndReported() throws Exception {
        open().offer(signed(7, "p", 2));
        byte[] bytes = Files.readAllBytes(stored());
        Files.write(stored(), Arrays.copyOf(bytes, bytes.length / 2));

        SignedPolicies restarted = open();

        assertEquals(0, restarted.runningVersion());
        assertEquals("policy.stored_bundle_rejected", events.getLast().type());
    }

    @Test
    void bundleThatCannotBeStoredIsNotAppliedAndTheRefusalSaysWhy() {
        SignedPolicies policies = SignedPolicies.open(KEYS, state.resolve("missing"), LOCAL, sink);

        SignedPolicies.Answer answer = policies.offer(signed(3, "p", 1));

        assertFalse(answer.accepted());
        assertTrue(answer.reason().startsWith("cannot store the policy bundle"), answer.reason());
        assertEquals(LOCAL, policies.current(), "a policy that would not survive a restart does not run");
        assertEquals("policy.refused", events.getLast().type());
    }

    @Test
    void inspectShowsTheStoredBundleWithoutChangingAnything() throws Exception {
        open().offer(signed(7, "p", 2));
        Files.write(stored(), new byte[] {1, 2, 3});
        events.clear();

        SignedPolicies.Startup startup = SignedPolicies.inspect(KEYS, state, LOCAL);

        assertEquals(LOCAL, startup.active());
        assertTrue(startup.storedBundleProblem().orElseThrow().contains("is not a policy bundle"), startup.storedBundleProblem().get());
        assertTrue(Files.exists(stored()), "status does not move files");
        assertEquals(List.of(), events);
    }
}
