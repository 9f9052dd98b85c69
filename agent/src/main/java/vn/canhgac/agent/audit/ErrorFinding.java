package vn.canhgac.agent.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Something a collector could not read or judge; the audit goes on. {@code path} is a host path, or empty. */
public record ErrorFinding(String source, String path, String message) implements Finding {

    @Override
    public String type() {
        return "error";
    }

    @Override
    @JsonIgnore
    public String summary() {
        return "ERROR   " + source + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
