package vn.canhgac.agent.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import vn.canhgac.agent.audit.Finding;

/**
 * A document bearing a classification stamp, as the audit prints it: the full host path (the
 * audit runs at the machine, for the inspector in front of it), the highest level, whether it is
 * declassified, its SHA-256, where the stamp is, and whether the document rule calls it a violation
 * on this machine now.
 */
@JsonPropertyOrder({"type", "path", "level", "declassified", "sha256", "location", "size", "violation"})
public record DocumentFinding(String path, Level level, boolean declassified, String sha256, String location, long size,
                              boolean violation) implements Finding {

    @Override
    public String type() {
        return "document";
    }

    @Override
    @JsonIgnore
    public String summary() {
        return (violation ? "VIOLATION " : "DOCUMENT  ") + level.stamp() + (declassified ? " (GIẢI MẬT: declassified)" : "")
                + "  " + path + "  at " + location + "  sha256=" + sha256;
    }
}
