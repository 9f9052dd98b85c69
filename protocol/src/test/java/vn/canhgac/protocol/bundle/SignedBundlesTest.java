package vn.canhgac.protocol.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.EventBundle;
import vn.canhgac.protocol.v1.Severity;
import vn.canhgac.protocol.v1.SignedEventBundle;

class SignedBundlesTest {

    private static final String AGENT = "3f2c9a1e-0000-4000-8000-00000000000a";
    private static final Instant CREATED = Instant.parse("2026-11-02T08:00:00Z");
    private static SelfSignedIdentity identity;

    @TempDir
    Path directory;

    @BeforeAll
    static void identity() throws Exception {
        identity = SelfSignedIdentity.create(AGENT);
    }

    @Test
    void aWrittenBundleVerifiesWithItsEventsHeaderAndSidecar() throws Exception {
        SignedBundleWriter.Written written = write(directory, 7, 3);

        byte[] file = Files.readAllBytes(written.file());
        VerifiedBundle verified = SignedBundles.verify(file);

        EventBundle bundle = verified.bundle();
        assertEquals(AGENT, bundle.getAgentId());
        assertEquals(7, bundle.getFirstSequence());
        assertEquals(9, bundle.getLastSequence());
        assertEquals(CREATED.toEpochMilli(), bundle.getCreatedAtEpochMs());
        assertEquals(12, bundle.getDroppedEventsTotal());
        assertEquals(List.of(7L, 8L, 9L), bundle.getEventsList().stream().map(Event::getSequence).toList());
        assertEquals("{\"n\":8,\"text\":\"Sở Nội vụ\"}", bundle.getEvents(1).getPayloadJson().toStringUtf8());
        assertEquals(identity.certificate(), verified.certificate());
        assertEquals(Fingerprints.sha256Hex(file), verified.sha256Hex());
        assertEquals(written.sha256Hex(), verified.sha256Hex());
        assertEquals(BundleFormat.fileName(AGENT, 7, 9), written.file().getFileName().toString());
        assertEquals(written.sha256Hex() + "  " + written.file().getFileName() + "\n",
                Files.readString(written.sidecar(), StandardCharsets.US_ASCII));
        assertEquals(file.length, written.bytes());
    }

    @Test
    void finishingLeavesOnlyTheBundleAndItsSidecar() throws Exception {
        write(directory, 1, 5);

        try (var files = Files.list(directory)) {
            assertEquals(List.of(BundleFormat.fileName(AGENT, 1, 5), BundleFormat.fileName(AGENT, 1, 5) + ".sha256"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aWriterClosedUnfinishedLeavesNoFile() throws Exception {
        try (SignedBundleWriter writer = open(directory, SignedBundleWriter.Limits.FORMAT_MAXIMUM)) {
            writer.add(event(1));
        }

        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aBundleIsFullAtItsEventLimit() throws Exception {
        try (SignedBundleWriter writer = open(directory, new SignedBundleWriter.Limits(2, BundleFormat.MAX_BUNDLE_BYTES))) {
            writer.add(event(1));
            writer.add(event(2));

            assertFalse(writer.fits(event(3)));
            assertThrows(IllegalStateException.class, () -> writer.add(event(3)));
        }
    }

    @Test
    void aBundleIsFullAtItsByteLimit() throws Exception {
        String large = "{\"x\":\"" + "a".repeat(50_000) + "\"}";
        try (SignedBundleWriter writer = open(directory, new SignedBundleWriter.Limits(100, 128 * 1024))) {
            writer.add(event(1, large));
            writer.add(event(2, large));

            assertTrue(writer.fits(event(3)));
            assertFalse(writer.fits(event(3, large)), "a third 50 KB event would pass 128 KiB");
        }
    }

    @Test
    void eventsOfABundleMustBeConsecutive() throws Exception {
        try (SignedBundleWriter writer = open(directory, SignedBundleWriter.Limits.FORMAT_MAXIMUM)) {
            writer.add(event(4));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> writer.add(event(6)));
            assertTrue(error.getMessage().contains("6 cannot follow 4"), error.getMessage());
        }
    }

    @Test
    void everySingleChangedByteIsRefused() throws Exception {
        byte[] file = Files.readAllBytes(write(directory, 1, 2).file());

        for (int i = 0; i < file.length; i++) {
            byte[] changed = file.clone();
            changed[i] ^= 0x01;
            int position = i;
            assertThrows(BundleException.class, () -> SignedBundles.verify(changed), () -> "byte " + position + " changed");
        }
    }

    @Test
    void aChangedEventIsReportedAsAFailedSignature() throws Exception {
        byte[] file = Files.readAllBytes(write(directory, 1, 3).file());
        int at = indexOf(file, "\"n\":2".getBytes(StandardCharsets.UTF_8));
        file[at + 4] = '9';

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(file));

        assertEquals(BundleException.Kind.SIGNATURE_INVALID, error.kind());
        assertTrue(error.getMessage().contains("changed after the agent signed it"), error.getMessage());
    }

    @Test
    void aBundleSignedByAnotherKeyThanItsCertificatesIsRefused() throws Exception {
        SelfSignedIdentity other = SelfSignedIdentity.create(AGENT);
        SignedEventBundle genuine = SignedEventBundle.parseFrom(Files.readAllBytes(write(directory, 1, 3).file()));
        SignedEventBundle forged = genuine.toBuilder()
                .setSignature(ByteString.copyFrom(sign(other, genuine.getBundle().toByteArray()))).build();

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(forged.toByteArray()));

        assertEquals(BundleException.Kind.SIGNATURE_INVALID, error.kind());
    }

    @Test
    void bytesAppendedAfterTheBundleAreRefused() throws Exception {
        byte[] file = Files.readAllBytes(write(directory, 1, 3).file());
        // A well-formed field 9 (unknown to SignedEventBundle): varint 1.
        byte[] longer = Arrays.copyOf(file, file.length + 2);
        longer[file.length] = (byte) (9 << 3);
        longer[file.length + 1] = 1;

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(longer));

        assertEquals(BundleException.Kind.MALFORMED, error.kind());
        assertTrue(error.getMessage().contains("changed after it was written"), error.getMessage());
    }

    @Test
    void aTruncatedFileIsNotABundle() throws Exception {
        byte[] file = Files.readAllBytes(write(directory, 1, 3).file());

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(Arrays.copyOf(file, file.length / 2)));

        assertEquals(BundleException.Kind.MALFORMED, error.kind());
        assertTrue(error.getMessage().contains("not a Canh Gác bundle"), error.getMessage());
    }

    @Test
    void emptyAndOversizedFilesAreRefusedBeforeParsing() {
        assertEquals(BundleException.Kind.MALFORMED, assertThrows(BundleException.class, () -> SignedBundles.verify(new byte[0])).kind());
        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(new byte[BundleFormat.MAX_FILE_BYTES + 1]));
        assertTrue(error.getMessage().contains("more than the " + BundleFormat.MAX_FILE_BYTES), error.getMessage());
    }

    @Test
    void anotherSignatureAlgorithmIsRefused() throws Exception {
        SignedEventBundle genuine = SignedEventBundle.parseFrom(Files.readAllBytes(write(directory, 1, 3).file()));

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(
                genuine.toBuilder().setSignatureAlgorithm("NONE").build().toByteArray()));

        assertTrue(error.getMessage().contains("\"NONE\" is not supported"), error.getMessage());
    }

    @Test
    void aSignedHeaderThatDisagreesWithItsEventsIsRefused() throws Exception {
        EventBundle inconsistent = EventBundle.newBuilder().setProtocolVersion(1).setAgentId(AGENT).setFirstSequence(1).setLastSequence(5)
                .addEvents(event(1)).addEvents(event(2)).build();

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(signed(inconsistent)));

        assertEquals(BundleException.Kind.MALFORMED, error.kind());
        assertTrue(error.getMessage().contains("names sequences 1..5 but it holds 2 events"), error.getMessage());
    }

    @Test
    void aSignedBundleWithAGapBetweenEventsIsRefused() throws Exception {
        EventBundle gap = EventBundle.newBuilder().setProtocolVersion(1).setAgentId(AGENT).setFirstSequence(1).setLastSequence(2)
                .addEvents(event(1)).addEvents(event(3)).build();

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(signed(gap)));

        assertTrue(error.getMessage().contains("has sequence 3 where 2 was expected"), error.getMessage());
    }

    @Test
    void anAgentIdThatIsNotOneIsRefusedInAOneLineMessage() throws Exception {
        EventBundle odd = EventBundle.newBuilder().setProtocolVersion(1).setAgentId("a\nevent=forged").setFirstSequence(1).setLastSequence(1)
                .addEvents(event(1)).build();

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(signed(odd)));

        assertTrue(error.getMessage().contains("agent id \"aevent=forged\" is not an agent id"), error.getMessage());
    }

    @Test
    void aBundleOfAnotherProtocolVersionIsRefused() throws Exception {
        EventBundle future = EventBundle.newBuilder().setProtocolVersion(2).setAgentId(AGENT).setFirstSequence(1).setLastSequence(1)
                .addEvents(event(1)).build();

        BundleException error = assertThrows(BundleException.class, () -> SignedBundles.verify(signed(future)));

        assertTrue(error.getMessage().contains("protocol version 2 is not supported"), error.getMessage());
    }

    @Test
    void aBareSignatureOfTheBundleBytesWithoutContextAndCertificateFails() throws Exception {
        SignedEventBundle genuine = SignedEventBundle.parseFrom(Files.readAllBytes(write(directory, 1, 1).file()));
        java.security.Signature bare = java.security.Signature.getInstance(BundleFormat.SIGNATURE_ALGORITHM);
        bare.initSign(identity.keys().getPrivate());
        bare.update(genuine.getBundle().toByteArray());
        byte[] withoutContext = genuine.toBuilder().setSignature(ByteString.copyFrom(bare.sign())).build().toByteArray();

        assertEquals(BundleException.Kind.SIGNATURE_INVALID,
                assertThrows(BundleException.class, () -> SignedBundles.verify(withoutContext)).kind());
    }

    private static SignedBundleWriter.Written write(Path directory, long first, int count) throws Exception {
        Files.createDirectories(directory);
        try (SignedBundleWriter writer = open(directory, SignedBundleWriter.Limits.FORMAT_MAXIMUM)) {
            for (long sequence = first; sequence < first + count; sequence++) {
                writer.add(event(sequence));
            }
            return writer.finish(CREATED, 12);
        }
    }

    private static SignedBundleWriter open(Path directory, SignedBundleWriter.Limits limits) {
        return SignedBundleWriter.open(directory, AGENT, identity.keys().getPrivate(), identity.certificate(), limits);
    }

    private static Event event(long sequence) {
        return event(sequence, "{\"n\":" + sequence + ",\"text\":\"Sở Nội vụ\"}");
    }

    private static Event event(long sequence, String payload) {
        return Event.newBuilder().setSequence(sequence).setOccurredAtEpochMs(CREATED.toEpochMilli() - 1000 + sequence)
                .setType("test.event").setSeverity(Severity.SEVERITY_INFO).setPayloadJson(ByteString.copyFromUtf8(payload)).build();
    }

    private static byte[] signed(EventBundle bundle) throws Exception {
        byte[] bytes = bundle.toByteArray();
        return SignedEventBundle.newBuilder().setBundle(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(sign(identity, bytes)))
                .setCertificateDer(ByteString.copyFrom(identity.certificate().getEncoded()))
                .setSignatureAlgorithm(BundleFormat.SIGNATURE_ALGORITHM).build().toByteArray();
    }

    private static byte[] sign(SelfSignedIdentity signer, byte[] bundle) throws Exception {
        java.security.Signature signature = BundleFormat.signer(signer.keys().getPrivate(), identity.certificate().getEncoded());
        signature.update(bundle);
        return signature.sign();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
