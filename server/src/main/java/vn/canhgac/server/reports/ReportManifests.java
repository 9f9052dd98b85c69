package vn.canhgac.server.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.protocol.signing.DualSigner;
import vn.canhgac.protocol.signing.SignatureRefused;
import vn.canhgac.protocol.signing.SigningDomain;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.protocol.signing.VerifyingKeys;

/**
 * Signed manifests: the manifest's JSON bytes, signed with the server's Ed25519 and ML-DSA-65
 * keys under {@link SigningDomain#REPORT_MANIFEST}, travel base64-encoded inside a small wrapper
 * {@code {"manifest", "ed25519", "mlDsa65"}}. The exact signed bytes are carried rather than an
 * object to be re-serialised, so a verifier needs no canonical form: it checks the signatures
 * over the bytes it holds, and only then reads them.
 */
public final class ReportManifests {
    /** A wrapper is a few KiB (the ML-DSA-65 signature is 3,309 bytes); anything near this is not one. */
    public static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    public static final String FILE_SUFFIX = ".manifest.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The file a manifest is written to, on the server and by {@code canhgacctl}. */
    record Wrapper(String manifest, String ed25519, String mlDsa65) {}

    private ReportManifests() {}

    /** The wrapper's bytes: the manifest signed with both keys. */
    static byte[] sign(ReportManifest manifest, SigningKeys keys) {
        try {
            byte[] content = MAPPER.writeValueAsBytes(manifest);
            DualSignature signature = DualSigner.sign(keys, SigningDomain.REPORT_MANIFEST, content);
            Base64.Encoder base64 = Base64.getEncoder();
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Wrapper(base64.encodeToString(content),
                    base64.encodeToString(signature.ed25519()), base64.encodeToString(signature.mlDsa65())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report manifest as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks, offline, that {@code manifestBytes} is a manifest signed by {@code keys} and that
     * {@code report} is byte for byte the file it describes.
     *
     * @return the manifest, once every check passed
     * @throws ManifestRefused naming the first check that failed
     * @throws IOException     if the report file cannot be read
     */
    public static ReportManifest verify(Path report, byte[] manifestBytes, VerifyingKeys keys) throws ManifestRefused, IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(keys, "keys");
        if (manifestBytes.length > MAX_MANIFEST_BYTES) {
            throw new ManifestRefused(ManifestRefused.Check.MANIFEST, "the manifest is " + manifestBytes.length
                    + " bytes, more than a signed manifest can be (" + MAX_MANIFEST_BYTES + "); give the " + FILE_SUFFIX + " file");
        }
        Wrapper wrapper;
        byte[] content;
        DualSignature signature;
        try {
            wrapper = MAPPER.readValue(manifestBytes, Wrapper.class);
            if (wrapper.manifest() == null || wrapper.ed25519() == null || wrapper.mlDsa65() == null) {
                throw new IllegalArgumentException("it lacks one of manifest, ed25519, mlDsa65");
            }
            Base64.Decoder base64 = Base64.getDecoder();
            content = base64.decode(wrapper.manifest());
            signature = new DualSignature(base64.decode(wrapper.ed25519()), base64.decode(wrapper.mlDsa65()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestRefused(ManifestRefused.Check.MANIFEST, "the manifest file is not a signed report manifest ("
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()) + ")");
        }
        try {
            DualSigner.verify(keys, SigningDomain.REPORT_MANIFEST, content, signature);
        } catch (SignatureRefused e) {
            throw new ManifestRefused(ManifestRefused.Check.SIGNATURE, e.getMessage() + " (keys with fingerprint " + keys.fingerprint()
                    + "): the manifest was changed, or made by another server");
        }
        ReportManifest manifest;
        try {
            manifest = MAPPER.readValue(content, ReportManifest.class);
        } catch (IOException | RuntimeException e) {
            // Signed by the server but unreadable: a manifest of a newer, incompatible version.
            throw new ManifestRefused(ManifestRefused.Check.MANIFEST, "the signed manifest cannot be read by this canhgacctl ("
                    + e.getMessage() + "); use the canhgacctl of the server's version");
        }
        long size = Files.size(report);
        String sha256 = sha256(report);
        if (size != manifest.size() || !sha256.equals(manifest.sha256())) {
            throw new ManifestRefused(ManifestRefused.Check.FILE, "file hash mismatch: " + report + " has SHA-256 " + sha256 + " ("
                    + size + " bytes) but the manifest states " + manifest.sha256() + " (" + manifest.size() + " bytes) for "
                    + manifest.reportFile() + "; the file was changed or is another report");
        }
        return manifest;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
