package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 of executables, remembered by path and {@link FileStamp} (size, modification time,
 * inode), so the same executable is hashed once however many processes run it and however
 * many scans see it. A replaced file has a new stamp and is hashed again. The cache keeps the
 * {@value #CAPACITY} most recently used entries. Not thread-safe: one scanner uses it.
 */
final class ExecutableHashes {

    static final int CAPACITY = 4096;
    /** Larger files are not hashed (a finding says so): no executable a remote-control tool ships comes near it. */
    static final long MAX_BYTES = 1024L * 1024 * 1024;

    private record Key(String path, FileStamp stamp) {}

    private final Map<Key, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * @param path the host path the hash is remembered under
     * @param file where to read it
     * @throws IOException if it cannot be read, or is larger than {@value #MAX_BYTES} bytes
     */
    String sha256(String path, Path file) throws IOException {
        FileStamp stamp = FileStamp.of(file);
        Key key = new Key(path, stamp);
        String known = cache.get(key);
        if (known != null) {
            return known;
        }
        if (stamp.size() > MAX_BYTES) {
            throw new IOException("it is larger than " + MAX_BYTES + " bytes and was not hashed");
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        cache.put(key, hash);
        return hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every Java platform must provide", e);
        }
    }
}
