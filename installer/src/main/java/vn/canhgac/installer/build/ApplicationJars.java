package vn.canhgac.installer.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Picks one application's jars out of the union the build copied: the application's own jar and
 * exactly the jars its manifest's {@code Class-Path} names (Maven writes that list from the
 * application module's resolved runtime dependencies, so the agent package never carries the
 * server's Vert.x or Flyway).
 */
final class ApplicationJars {

    private ApplicationJars() {}

    /** Copies the jars into {@code target} (created) and returns their file names, the application's own first. */
    static List<String> copy(Path dependencies, String applicationJar, Path target) {
        List<String> names = new ArrayList<>();
        names.add(applicationJar);
        names.addAll(classPath(dependencies.resolve(applicationJar)));
        try {
            Files.createDirectories(target);
            for (String name : names) {
                Path source = dependencies.resolve(name);
                if (!Files.isRegularFile(source)) {
                    throw new IllegalStateException(applicationJar + " needs " + name + ", which is not in " + dependencies
                            + "; run the build from the project root so that every module's jar is built");
                }
                Files.copy(source, target.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the jars of " + applicationJar + " to " + target + ": " + e.getMessage(), e);
        }
        return names;
    }

    static List<String> classPath(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the installer module packs the jars the agent and server modules built");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                throw new IllegalStateException(jar + " has no Class-Path in its manifest; its module's maven-jar-plugin must set addClasspath");
            }
            return List.of(classPath.trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar + ": " + e.getMessage(), e);
        }
    }
}
