package vn.canhgac.agent.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.host.OsFacts;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.agent.outbox.OutboxRecorder;
import vn.canhgac.agent.policy.ActivePolicy;
import vn.canhgac.agent.policy.SignedPolicies;
import vn.canhgac.agent.policy.TestBundles;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.HelloAccepted;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.protocol.v1.PolicyStatus;

/** The session handler with a real outbox and real signed-policy handling; the outbox thread is the test thread. */
class AgentSessionHandlerPolicyTest {

    @TempDir
    Path state;

    private Outbox outbox;
    private SignedPolicies policies;
    private EmbeddedChannel channel;
    private AgentSessionHandler handler;

    @BeforeEach
    void connect() {
        outbox = Outbox.open(state.resolve("outbox.db"), 1000, Clock.systemUTC());
        policies = SignedPolicies.open(Optional.of(TestBundles.SERVER.verifying()), state,
                ActivePolicy.unsigned(Policy.defaults(), "built-in defaults"), new OutboxRecorder(outbox)::append);
        channel = new EmbeddedChannel();
        OutboxPump pump = new OutboxPump(channel, outbox, Runnable::run, 100);
        handler = new AgentSessionHandler("agent-1", outbox, new OsFacts("host", "Debian GNU/Linux", "12", "6.1", "amd64", "id"), pump,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SecureRandom()), Clock.systemUTC(), group -> {},
                new ServerCommands(), policies);
        channel.pipeline().addLast(handler);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        outbox.close();
    }

    private PolicyStatus offer(PolicyBundle bundle) {
        channel.writeInbound(Envelope.newBuilder().setPolicyBundle(bundle).build());
        Envelope answer = channel.readOutbound();
        assertTrue(answer.hasPolicyStatus(), "every bundle is answered; got " + answer.getBodyCase());
        return answer.getPolicyStatus();
    }

    private List<OutboxEvent> events(String type) {
        return outbox.peek(0, 100).stream().filter(event -> event.type().equals(type)).toList();
    }

    @Test
    void acceptedBundleIsAnsweredAndRecordedAsApplied() {
        PolicyStatus status = offer(TestBundles.signed(3, "so-noi-vu", 1));

        assertEquals(PolicyStatus.newBuilder().setRunningVersion(3).setAccepted(true).setOfferedVersion(3).build(), status);
        assertEquals(3, policies.runningVersion());
        OutboxEvent applied = events("policy.applied").getFirst();
        assertEquals(1, applied.severity());
        assertTrue(applied.payloadJson().contains("\"version\":3"), applied.payloadJson());
    }

    @Test
    void bundleFromAnotherServerIsRefusedAndTheRefusalIsInTheOutbox() {
        PolicyBundle foreign = TestBundles.signed(TestBundles.OTHER_SERVER, 3, "p", 1, TestBundles.document("p", ""));

        PolicyStatus status = offer(foreign);

        assertFalse(status.getAccepted());
        assertEquals(0, status.getRunningVersion());
        assertEquals(3, status.getOfferedVersion());
        assertEquals("Ed25519 signature does not verify against the server's key", status.getReason());
        OutboxEvent refused = events("policy.refused").getFirst();
        assertEquals(4, refused.severity(), "HIGH");
        assertTrue(refused.payloadJson().contains("\"offeredVersion\":3"), refused.payloadJson());
    }

    @Test
    void refusalEventIsSentToTheServerRightAfterTheAnswer() {
        channel.writeInbound(Envelope.newBuilder().setHelloAccepted(HelloAccepted.newBuilder().setHighestStoredSequence(0)).build());
        assertNull(channel.readOutbound(), "nothing waits in the outbox yet");

        offer(TestBundles.flipEd25519(TestBundles.signed(3, "p", 1)));

        Envelope batch = channel.readOutbound();
        assertTrue(batch.hasEventBatch(), "got " + batch.getBodyCase());
        assertEquals("policy.refused", batch.getEventBatch().getEvents(0).getType());
    }

    @Test
    void resendOfTheRunningBundleIsAnsweredWithoutAnEvent() {
        PolicyBundle bundle = TestBundles.signed(3, "p", 1);
        offer(bundle);

        PolicyStatus again = offer(bundle);

        assertFalse(again.getAccepted());
        assertEquals("already running version 3", again.getReason());
        assertEquals(3, again.getRunningVersion());
        assertEquals(List.of(), events("policy.refused"));
    }

    @Test
    void helloReportsTheRunningPolicyVersion() {
        assertEquals(0, handler.hello().getHello().getPolicyVersion());

        offer(TestBundles.signed(9, "p", 1));

        assertEquals(9, handler.hello().getHello().getPolicyVersion());
    }
}
