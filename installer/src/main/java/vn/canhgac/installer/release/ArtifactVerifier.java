package vn.canhgac.installer.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.canhgac.protocol.tls.Fingerprints;

/**
 * Checks a release directory: the signature of {@code SHA256SUMS}, then for every artifact in the
 * directory its SHA-256 against the signed list and its own signature. An artifact the list does
 * not name fails (nobody should take it for verified); a listed artifact that is absent is only
 * reported, so a directory holding just the agent package and the signed list can be checked.
 */
public final class ArtifactVerifier {

    /** One line of {@code sha256sum} output: 64 hex digits, two spaces (or space and '*'), a plain file name. */
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *]([A-Za-z0-9._+~-]{1,200})");

    /** What was checked and what failed; {@link #ok()} only when nothing failed and at least one artifact was checked. */
    public record Report(String keyFingerprint, List<String> verified, List<String> absent, List<String> failures) {

        public Report {
            verified = List.copyOf(verified);
            absent = List.copyOf(absent);
            failures = List.copyOf(failures);
        }

        public boolean ok() {
            return failures.isEmpty() && !verified.isEmpty();
        }
    }

    private ArtifactVerifier() {}

    /** The release public key in a PEM file (e.g. {@code canhgac-release.pub.pem}), checked to be Ed25519. */
    public static PublicKey readPublicKey(Path file) {
        return ReleaseFiles.readPublicKey(file);
    }

    public static Report verify(Path directory, PublicKey key) {
        String fingerprint = Fingerprints.display(Fingerprints.sha256Hex(key.getEncoded()));
        List<String> verified = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Path sumsFile = directory.resolve(ReleaseFiles.SUMS);
        if (!Files.isRegularFile(sumsFile)) {
            failures.add(ReleaseFiles.SUMS + ": missing; a release directory holds SHA256SUMS and SHA256SUMS.sig beside the artifacts");
            return new Report(fingerprint, verified, absent, failures);
        }
        byte[] sumsBytes = ReleaseFiles.readLimited(sumsFile, ReleaseFiles.MAX_SUMS_BYTES);
        String sumsProblem = signatureProblem(key, sumsFile, sumsBytes);
        if (sumsProblem != null) {
            failures.add(ReleaseFiles.SUMS + ": " + sumsProblem + "; nothing in this directory can be trusted");
            return new Report(fingerprint, verified, absent, failures);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = new String(sumsBytes, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher line = SUM_LINE.matcher(lines[i]);
            if (!line.matches()) {
                failures.add(ReleaseFiles.SUMS + " line " + (i + 1) + ": not \"SHA256  NAME\"");
            } else if (sums.put(line.group(2), line.group(1)) != null) {
                failures.add(ReleaseFiles.SUMS + " line " + (i + 1) + ": " + line.group(2) + " is listed twice");
            }
        }
        for (Path artifact : ReleaseFiles.artifacts(directory)) {
            String name = artifact.getFileName().toString();
            String expected = sums.get(name);
            if (expected == null) {
                failures.add(name + ": not listed in SHA256SUMS, so not covered by the release signature");
                continue;
            }
            String actual = ReleaseFiles.sha256Hex(artifact);
            if (!actual.equals(expected)) {
                failures.add(name + ": SHA-256 is " + actual + ", the signed list says " + expected + " (the file was changed)");
                continue;
            }
            String problem = signatureProblem(key, artifact, null);
            if (problem != null) {
                failures.add(name + ": " + problem);
                continue;
            }
            verified.add(name);
        }
        sums.keySet().stream().filter(name -> !Files.exists(directory.resolve(name))).forEach(absent::add);
        return new Report(fingerprint, verified, absent, failures);
    }

    /**
     * Null when {@code FILE.sig} is a valid signature of the file by {@code key}, else what is wrong.
     *
     * @param content the file's bytes when the caller has them already, else null to read them
     */
    private static String signatureProblem(PublicKey key, Path file, byte[] content) {
        Path signatureFile = ReleaseFiles.signatureOf(file);
        if (!Files.isRegularFile(signatureFile)) {
            return "no signature (" + signatureFile.getFileName() + " is missing)";
        }
        try {
            byte[] signature = ReleaseFiles.readLimited(signatureFile, ReleaseFiles.SIGNATURE_BYTES);
            if (signature.length != ReleaseFiles.SIGNATURE_BYTES) {
                return signatureFile.getFileName() + " is " + signature.length + " bytes; an Ed25519 signature is "
                        + ReleaseFiles.SIGNATURE_BYTES;
            }
            byte[] message = content != null ? content : ReleaseFiles.readLimited(file, ReleaseFiles.MAX_ARTIFACT_BYTES);
            return ReleaseFiles.verify(key, message, signature) ? null
                    : "signature does not verify with the release key (the file or its signature was changed, or another key signed it)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
