package vn.canhgac.agent.software;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Locale;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.protocol.policy.SoftwareRules;

/**
 * One installed package or running program in {@code canhgac-agent audit}. Fields not known for
 * it (a package's path and hash, a process's version) are left out of the JSON.
 *
 * @param source  dpkg, rpm, flatpak, snap, windows-registry, or process
 * @param verdict allow, alert or kill: what the agent in run mode does (the audit itself changes nothing)
 * @param rule    the rule that decided ("builtin:AnyDesk", "sha256:…", "ioc:FILE", "allow-list"), or "" when none matched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "name", "version", "source", "path", "sha256", "verdict", "rule"})
public record SoftwareFinding(String name, String version, String source, String path, String sha256, String verdict, String rule,
                              String publisher, Instant installedAt, Long pid, String user, String commandLine) implements Finding {

    static SoftwareFinding of(SoftwareItem item, SoftwareRules.Decision decision) {
        return new SoftwareFinding(item.name(), item.version(), item.source(), item.path(), null, decision.verdict().word(),
                decision.rule(), item.publisher(), item.installedAt(), null, null, null);
    }

    static SoftwareFinding of(RunningProgram program, SoftwareRules.Decision decision) {
        return new SoftwareFinding(program.name(), null, "process", program.executable(), program.sha256(), decision.verdict().word(),
                decision.rule(), null, null, program.pid(), program.user(), program.commandLine());
    }

    @Override
    public String type() {
        return "software";
    }

    @Override
    @JsonIgnore
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s software %-8s %s", verdict.toUpperCase(Locale.ROOT),
                source, name));
        if (version != null) {
            line.append(' ').append(version);
        }
        if (pid != null) {
            line.append(" pid ").append(pid).append(" user ").append(user);
        }
        if (path != null) {
            line.append(' ').append(path);
        }
        if (sha256 != null) {
            line.append(" sha256:").append(sha256);
        }
        if (!rule.isEmpty()) {
            line.append("  (").append(rule).append(')');
        }
        return line.toString();
    }
}
