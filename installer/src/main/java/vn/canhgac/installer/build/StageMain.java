package vn.canhgac.installer.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Build step (prepare-package, through exec:java): lays out what each package ships, under
 * {@code STAGE/agent} and {@code STAGE/server}: {@code runtime/} (jlinked) and {@code lib/} (jars),
 * and the Debian changelog under {@code STAGE/agent-doc} and {@code STAGE/server-doc}. jdeb and the
 * Windows assembly take their files from there.
 *
 * <p>Usage: {@code StageMain DEPENDENCIES_DIR STAGE_DIR PROJECT_VERSION}.
 */
public final class StageMain {

    private StageMain() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: StageMain DEPENDENCIES_DIR STAGE_DIR PROJECT_VERSION (got " + args.length + " arguments)");
        }
        Path dependencies = Path.of(args[0]);
        Path stage = Path.of(args[1]);
        String version = args[2];
        // SOURCE_DATE_EPOCH is the reproducible-builds convention for "the time this source was released".
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        ZonedDateTime date = epoch == null || epoch.isBlank() ? ZonedDateTime.now(ZoneOffset.UTC)
                : ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(Long.parseLong(epoch.trim())), ZoneOffset.UTC);
        for (Application application : Application.values()) {
            Path home = stage.resolve(application.directoryName());
            deleteRecursively(home);
            ApplicationJars.copy(dependencies, application.jarName(version), home.resolve("lib"));
            RuntimeLinker.link(application.modules(), home.resolve("runtime"));
            DebianChangelog.write(stage.resolve(application.directoryName() + "-doc").resolve("changelog.gz"),
                    DebianChangelog.entry(application.packageName(), DebianVersion.of(version), date));
            System.out.println("[canhgac] staged " + application.packageName() + " in " + home);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory + " before staging into it again: " + e.getMessage(), e);
        }
    }
}
