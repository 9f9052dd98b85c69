package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/** The {@code software} section: deny-list or allow-list of programs, and what to do on a hit. */
public record SoftwarePolicy(Mode mode, boolean builtinRemoteControlDenyList, Action action, List<Rule> deny, List<Rule> allow) {

    public static final SoftwarePolicy DEFAULT = new SoftwarePolicy((String) null, null, null, null, null);

    public enum Mode implements Choices.Spelled {
        DENY_LIST("deny-list"), ALLOW_LIST("allow-list");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    public enum Action implements Choices.Spelled {
        ALERT("alert"), KILL("kill");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    @JsonCreator
    public SoftwarePolicy(@JsonProperty("mode") String mode,
                          @JsonProperty("builtinRemoteControlDenyList") Boolean builtinRemoteControlDenyList,
                          @JsonProperty("action") String action,
                          @JsonProperty("deny") List<Rule> deny,
                          @JsonProperty("allow") List<Rule> allow) {
        this(Choices.parse(Mode.class, "mode", mode, Mode.DENY_LIST),
                builtinRemoteControlDenyList == null || builtinRemoteControlDenyList,
                Choices.parse(Action.class, "action", action, Action.ALERT),
                deny == null ? List.of() : List.copyOf(deny),
                allow == null ? List.of() : List.copyOf(allow));
    }

    /**
     * One rule: exactly one of a name glob, a publisher, a path glob (globs are case-insensitive,
     * {@code *} and {@code ?}) or an executable's SHA-256.
     */
    public record Rule(Kind kind, String value) {

        public enum Kind { NAME, PUBLISHER, PATH, SHA256 }

        @JsonCreator
        public static Rule of(@JsonProperty("name") String name, @JsonProperty("publisher") String publisher,
                              @JsonProperty("path") String path, @JsonProperty("sha256") String sha256) {
            int given = (name != null ? 1 : 0) + (publisher != null ? 1 : 0) + (path != null ? 1 : 0) + (sha256 != null ? 1 : 0);
            if (given != 1) {
                throw new FieldError("", "a software rule has exactly one of name, publisher, path or sha256 (got " + given + ")");
            }
            if (name != null) {
                return new Rule(Kind.NAME, nonBlank("name", name));
            }
            if (publisher != null) {
                return new Rule(Kind.PUBLISHER, nonBlank("publisher", publisher));
            }
            if (path != null) {
                return new Rule(Kind.PATH, nonBlank("path", path));
            }
            if (!sha256.matches("[0-9A-Fa-f]{64}")) {
                throw new FieldError("sha256", "must be 64 hex digits (got \"" + sha256 + "\")");
            }
            return new Rule(Kind.SHA256, sha256.toLowerCase(Locale.ROOT));
        }

        private static String nonBlank(String field, String value) {
            if (value.isBlank()) {
                throw new FieldError(field, "must not be empty");
            }
            return value;
        }

        /** How the rule is named in findings and events: "name:TeamViewer*". */
        public String describe() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
        }
    }
}
