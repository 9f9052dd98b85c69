package vn.canhgac.installer.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The artifacts the build made (failsafe runs after the package phase and passes their directory). */
final class Dist {

    private Dist() {}

    static Path directory() {
        String dist = System.getProperty("canhgac.dist");
        if (dist == null) {
            throw new IllegalStateException("canhgac.dist is not set: run these tests through Maven's verify phase (failsafe)");
        }
        return Path.of(dist);
    }

    /** The one artifact whose name starts with {@code prefix} and ends with {@code suffix}. */
    static Path artifact(String prefix, String suffix) {
        try (Stream<Path> files = Files.list(directory())) {
            var matches = files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .toList();
            if (matches.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "*" + suffix + " in " + directory() + ", found " + matches);
            }
            return matches.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path agentDeb() {
        return artifact("canhgac-agent_", "_amd64.deb");
    }

    static Path serverDeb() {
        return artifact("canhgac-server_", "_amd64.deb");
    }

    static Path windowsZip() {
        return artifact("canhgac-agent_", "_windows.zip");
    }
}
