package vn.canhgac.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the hash-chained audit log.
 *
 * @param seq      1, 2, 3, … without gaps
 * @param details  a JSON object, stored and hashed as this exact text
 * @param prevHash the previous entry's hash, {@link #GENESIS} for the first
 * @param hash     {@link #chainHash} of this entry's fields
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, String details, String prevHash,
                         String hash) {
    /** The prev_hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** Whether {@link #hash} is what this entry's fields hash to. */
    public boolean hashMatches() {
        return hash.equals(chainHash(seq, at, actor, action, target, details, prevHash));
    }

    /**
     * SHA-256, lower-case hex, over a canonical encoding: each field as its UTF-8 byte length in
     * decimal, a colon, the bytes and a newline; seq and the time (epoch milliseconds) in decimal.
     * Length prefixes make the encoding unambiguous, so no two different entries encode alike
     * whatever their text holds.
     */
    public static String chainHash(long seq, Instant at, String actor, String action, String target, String details,
                                   String prevHash) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM; every Java SE runtime must provide it", e);
        }
        for (String field : new String[] {Long.toString(seq), Long.toString(at.toEpochMilli()), actor, action, target, details, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
            sha256.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
