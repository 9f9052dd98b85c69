package vn.canhgac.agent.software;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One installed piece of software as a package source lists it. Fields the source does not know
 * are null. Text fields are cleaned and capped here, so every source gives bounded values.
 *
 * @param source      where it was found: dpkg, rpm, flatpak, snap, windows-registry
 * @param id          unique within the source across runs; the identity used to tell an upgrade
 *                    from a removal ("libc6:amd64", "system/app/org.gimp.GIMP/x86_64/stable")
 * @param name        the name inspectors and policies use ("anydesk", "AnyDesk")
 * @param publisher   maintainer, vendor or publisher, as the source writes it
 * @param installedAt when it was installed or last changed, where the source records it
 * @param path        where it is installed, as a host path, where known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SoftwareItem(String source, String id, String name, String version, String publisher, Instant installedAt, String path) {

    static final int MAX_NAME = 256;
    static final int MAX_VERSION = 128;
    static final int MAX_PUBLISHER = 256;
    static final int MAX_PATH = 1024;

    public SoftwareItem {
        Objects.requireNonNull(source, "source");
        name = Objects.requireNonNull(Text.clean(name, MAX_NAME), "name");
        id = Text.clean(id == null ? name : id, MAX_PATH);
        version = Text.cleanOrNull(version, MAX_VERSION);
        publisher = Text.cleanOrNull(publisher, MAX_PUBLISHER);
        path = Text.cleanOrNull(path, MAX_PATH);
    }

    /** Unique across sources: what the inventory baseline is keyed by. */
    @JsonIgnore
    public String key() {
        return source + "/" + id;
    }
}
