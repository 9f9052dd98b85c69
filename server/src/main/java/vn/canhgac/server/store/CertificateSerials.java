package vn.canhgac.server.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling of a certificate serial used across the server: lower-case hex, as
 * {@code BigInteger.toString(16)} gives it. Stores and the revocation check both go through
 * {@link #normalize} so that "0A1B" and "0a1b" are the same certificate.
 */
public final class CertificateSerials {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    private CertificateSerials() {}

    /** Lower-cases the serial; rejects anything that is not 1..64 hex digits. */
    public static String normalize(String serialHex) {
        String lower = serialHex.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException("certificate serial must be 1 to 64 hex digits (got \"" + serialHex + "\")");
        }
        return lower;
    }
}
