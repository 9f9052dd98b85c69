package vn.canhgac.protocol.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code software} policy section compiled for matching, with the built-in deny-list and
 * IOC lists folded in. Pure: no I/O, immutable, safe to share.
 *
 * <p>How a verdict is reached, in order:
 * <ol>
 *   <li>an executable whose SHA-256 is on a deny rule or an IOC list is flagged, whatever else
 *       matches: a known-bad file is never excused by its name;</li>
 *   <li>a name, publisher or path deny rule (the policy's, or the built-in list's) flags it,
 *       unless an allow rule also matches: allow rules are how a policy excuses one tool;</li>
 *   <li>in allow-list mode, anything no allow rule matches is flagged ("allow-list");</li>
 *   <li>everything else is allowed.</li>
 * </ol>
 * A running process flagged by a deny rule, the built-in list or a hash gets the policy's action
 * ({@code kill} or {@code alert}); one flagged only for missing from the allow-list, and any
 * flagged package, gets {@code alert}: the agent never uninstalls anything, and never kills what
 * no rule names.
 */
public final class SoftwareRules {

    /** What is done about a program. The words are the audit's {@code verdict} values. */
    public enum Verdict {
        ALLOW("allow"), ALERT("alert"), KILL("kill");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Why: sets the severity of the event. */
    public enum Basis { ALLOWED, NOT_IN_ALLOW_LIST, DENY_RULE, REMOTE_CONTROL_TOOL, KNOWN_BAD_HASH }

    /** @param rule the rule that decided ("name:TeamViewer*", "builtin:AnyDesk", "ioc:list.txt", "allow-list"), or "" */
    public record Decision(Verdict verdict, String rule, Basis basis) {
        public boolean flagged() {
            return verdict != Verdict.ALLOW;
        }
    }

    /** What a rule is matched against: an installed package or a running process. */
    public record Subject(List<String> names, String publisher, String path, String sha256, boolean running) {

        /** An installed package as a package source names it; publisher and path may be null. */
        public static Subject ofPackage(String source, String name, String publisher, String path) {
            Set<String> names = new LinkedHashSet<>();
            names.add(name);
            int colon = name.indexOf(':');
            if ("dpkg".equals(source) && colon > 0) {
                // "libfoo:amd64" is still "libfoo" to whoever wrote the rule.
                names.add(name.substring(0, colon));
            }
            return new Subject(List.copyOf(names), publisher, path, null, false);
        }

        /** A running process by its names (comm, executable name); path and sha256 may be null. */
        public static Subject ofProcess(List<String> names, String path, String sha256) {
            return new Subject(List.copyOf(names), null, path, sha256, true);
        }
    }

    private enum Field { NAME, PUBLISHER, PATH, SHA256 }

    /** A subject's texts lower-cased once, for matching against every rule. */
    private record Folded(List<String> names, List<String> publishers, String path, String sha256) {

        static Folded of(Subject subject) {
            List<String> publishers = new ArrayList<>(2);
            if (subject.publisher() != null) {
                publishers.add(Glob.fold(subject.publisher()));
                // "AnyDesk Software GmbH <info@anydesk.com>", as Debian maintainers are written, is "AnyDesk Software GmbH".
                int open = subject.publisher().lastIndexOf(" <");
                if (open > 0 && subject.publisher().endsWith(">")) {
                    publishers.add(Glob.fold(subject.publisher().substring(0, open)));
                }
            }
            return new Folded(subject.names().stream().map(Glob::fold).toList(), publishers,
                    subject.path() == null ? null : Glob.fold(subject.path()), subject.sha256());
        }
    }

    private record Matcher(String rule, Field field, Glob glob, String sha256, Basis basis) {

        boolean matches(Folded subject) {
            return switch (field) {
                case NAME -> subject.names().stream().anyMatch(glob::matchesFolded);
                case PUBLISHER -> subject.publishers().stream().anyMatch(glob::matchesFolded);
                case PATH -> subject.path() != null && glob.matchesFolded(subject.path());
                case SHA256 -> sha256.equals(subject.sha256());
            };
        }
    }

    private final SoftwarePolicy policy;
    private final Map<String, String> badHashes;
    private final List<Matcher> deny;
    private final List<Matcher> allow;

    private SoftwareRules(SoftwarePolicy policy, Map<String, String> badHashes, List<Matcher> deny, List<Matcher> allow) {
        this.policy = policy;
        this.badHashes = badHashes;
        this.deny = deny;
        this.allow = allow;
    }

    /**
     * @param iocHashes known-bad executables from IOC lists: hash (lower-case hex) to the rule that names it
     */
    public static SoftwareRules compile(SoftwarePolicy policy, List<BuiltinDenyList.Tool> builtin, Map<String, String> iocHashes) {
        Map<String, String> badHashes = new java.util.HashMap<>(iocHashes);
        List<Matcher> deny = new ArrayList<>();
        for (SoftwarePolicy.Rule rule : policy.deny()) {
            if (rule.kind() == SoftwarePolicy.Rule.Kind.SHA256) {
                badHashes.put(rule.value(), rule.describe());
            } else {
                deny.add(matcher(rule, Basis.DENY_RULE));
            }
        }
        if (policy.builtinRemoteControlDenyList()) {
            for (BuiltinDenyList.Tool tool : builtin) {
                String rule = "builtin:" + tool.tool();
                tool.names().forEach(name -> deny.add(new Matcher(rule, Field.NAME, Glob.of(name), null, Basis.REMOTE_CONTROL_TOOL)));
                tool.publishers().forEach(publisher ->
                        deny.add(new Matcher(rule, Field.PUBLISHER, Glob.of(publisher), null, Basis.REMOTE_CONTROL_TOOL)));
            }
        }
        List<Matcher> allow = policy.allow().stream().map(rule -> matcher(rule, Basis.ALLOWED)).toList();
        return new SoftwareRules(policy, Map.copyOf(badHashes), List.copyOf(deny), allow);
    }

    private static Matcher matcher(SoftwarePolicy.Rule rule, Basis basis) {
        return switch (rule.kind()) {
            case NAME -> new Matcher(rule.describe(), Field.NAME, Glob.of(rule.value()), null, basis);
            case PUBLISHER -> new Matcher(rule.describe(), Field.PUBLISHER, Glob.of(rule.value()), null, basis);
            case PATH -> new Matcher(rule.describe(), Field.PATH, Glob.of(rule.value()), null, basis);
            case SHA256 -> new Matcher(rule.describe(), Field.SHA256, null, rule.value(), basis);
        };
    }

    public Decision judge(Subject subject) {
        if (subject.sha256() != null) {
            String rule = badHashes.get(subject.sha256());
            if (rule != null) {
                return flagged(subject, rule, Basis.KNOWN_BAD_HASH);
            }
        }
        Folded folded = Folded.of(subject);
        Matcher allowed = allow.stream().filter(matcher -> matcher.matches(folded)).findFirst().orElse(null);
        if (allowed != null) {
            return new Decision(Verdict.ALLOW, allowed.rule(), Basis.ALLOWED);
        }
        for (Matcher matcher : deny) {
            if (matcher.matches(folded)) {
                return flagged(subject, matcher.rule(), matcher.basis());
            }
        }
        if (policy.mode() == SoftwarePolicy.Mode.ALLOW_LIST) {
            return flagged(subject, "allow-list", Basis.NOT_IN_ALLOW_LIST);
        }
        return new Decision(Verdict.ALLOW, "", Basis.ALLOWED);
    }

    private Decision flagged(Subject subject, String rule, Basis basis) {
        // Unlisted is not denied: in allow-list mode "kill" would otherwise end sshd, the desktop and
        // every other process nobody thought to list. Only deny rules, the built-in list and hashes kill.
        boolean kill = subject.running() && policy.action() == SoftwarePolicy.Action.KILL && basis != Basis.NOT_IN_ALLOW_LIST;
        return new Decision(kill ? Verdict.KILL : Verdict.ALERT, rule, basis);
    }
}
