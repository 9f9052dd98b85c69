package vn.canhgac.installer.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Rebuilds a package with dpkg-deb under a new version after changing its files: the "next
 * release" an upgrade test installs over the built one.
 */
final class Repack {

    private Repack() {}

    /** Unpacks {@code deb}, lets {@code change} edit the tree, sets {@code version}, and builds {@code output}. */
    static Path repack(Path deb, Path work, String version, Consumer<Path> change, Path output) {
        Path tree = work.resolve(output.getFileName() + ".tree");
        Command.run("dpkg-deb", "-R", deb.toString(), tree.toString()).ok();
        change.accept(tree);
        try {
            Path control = tree.resolve("DEBIAN/control");
            Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
            Files.writeString(tree.resolve("DEBIAN/md5sums"), md5sums(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command.run("dpkg-deb", "--root-owner-group", "-Zgzip", "-b", tree.toString(), output.toString()).ok();
        return output;
    }

    private static String md5sums(Path tree) throws IOException {
        StringBuilder sums = new StringBuilder();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> !tree.relativize(p).startsWith("DEBIAN")).sorted().toList()) {
                sums.append(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file))))
                        .append("  ").append(tree.relativize(file)).append('\n');
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return sums.toString();
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file) + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
