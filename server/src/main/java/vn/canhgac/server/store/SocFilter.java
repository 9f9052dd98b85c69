package vn.canhgac.server.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which events a SOC export destination receives: severity at least {@code minSeverity} and a
 * type matching one of {@code typeGlobs} ({@code *} any run of characters, {@code ?} one
 * character); no globs means every type.
 */
public record SocFilter(int minSeverity, List<String> typeGlobs) {
    /** Event types are {@code [a-z0-9_.-]}; a glob adds only the two wildcards, so it means the same in SQL GLOB and here. */
    private static final Pattern GLOB = Pattern.compile("[a-z0-9_.*?-]{1,100}");

    public SocFilter {
        typeGlobs = List.copyOf(typeGlobs);
        if (minSeverity < 0 || minSeverity > 5) {
            throw new IllegalArgumentException("minSeverity must be between 0 and 5 (got " + minSeverity + ")");
        }
        for (String glob : typeGlobs) {
            if (!GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException("type glob \"" + glob + "\" may hold only a-z, 0-9, '_', '.', '-' and the"
                        + " wildcards '*' and '?' (1 to 100 characters), as event types do");
            }
        }
    }

    public static SocFilter everything() {
        return new SocFilter(0, List.of());
    }
}
