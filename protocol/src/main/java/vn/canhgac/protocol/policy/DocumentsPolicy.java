package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code documents} section: where to look for classification marks. Roots are host paths
 * (the agent resolves them under its host root). {@code revealPaths} sends file paths to the
 * server; by default only opaque references leave the machine.
 */
public record DocumentsPolicy(boolean scan, List<String> roots, int maxFileSizeMb, boolean revealPaths) {

    public static final List<String> DEFAULT_ROOTS = List.of("/home", "/root");
    public static final DocumentsPolicy DEFAULT = new DocumentsPolicy((Boolean) null, null, null, null);

    @JsonCreator
    public DocumentsPolicy(@JsonProperty("scan") Boolean scan, @JsonProperty("roots") List<String> roots,
                           @JsonProperty("maxFileSizeMb") Integer maxFileSizeMb, @JsonProperty("revealPaths") Boolean revealPaths) {
        this(scan == null || scan, roots == null ? DEFAULT_ROOTS : roots.stream().map(DocumentsPolicy::absolute).toList(),
                maxFileSizeMb == null ? 200 : range(maxFileSizeMb), revealPaths != null && revealPaths);
    }

    private static String absolute(String root) {
        if (root == null || !root.startsWith("/") || root.contains("/../") || root.endsWith("/..")) {
            throw new FieldError("roots", "entries are absolute host paths without .. (got \"" + root + "\")");
        }
        return root;
    }

    private static int range(int megabytes) {
        if (megabytes < 1 || megabytes > 4096) {
            throw new FieldError("maxFileSizeMb", "must be 1..4096 (got " + megabytes + ")");
        }
        return megabytes;
    }
}
