package vn.canhgac.server.cli.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.api.ApiJson;

/**
 * Where {@code canhgacctl login} keeps its session: {@code ~/.config/canhgac/session} (or
 * {@code $XDG_CONFIG_HOME/canhgac/session}, {@code $CANHGAC_SESSION}, {@code --session-file}),
 * readable by its owner only, with the API it belongs to so that it is never sent to another.
 */
final class SessionFile {
    private static final long MAX_BYTES = 8 * 1024;

    /** A saved login; the token is a bearer secret. */
    record Saved(String api, String username, String token, Instant expiresAt) {
        Saved {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Saved[api=" + api + ", username=" + username + ", token=<hidden>]";
        }
    }

    private static final ObjectMapper JSON = ApiJson.mapper();

    private SessionFile() {}

    static Path location(Path option) {
        if (option != null) {
            return option;
        }
        String explicit = System.getenv("CANHGAC_SESSION");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("canhgac").resolve("session");
    }

    static void save(Path file, Saved session) {
        Path parent = file.toAbsolutePath().getParent();
        KeyFiles.createPrivateDirectory(parent);
        try {
            KeyFiles.writeSecret(file, JSON.writeValueAsString(session) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the session as JSON", e);
        }
    }

    /** The saved session; empty when there is none. */
    static Optional<Saved> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (!KeyFiles.isOwnerOnly(file)) {
                throw new CtlException(file + " holds a session token but is readable by others; delete it and log in again");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new CtlException(file + " is too large to be a canhgacctl session; delete it and log in again");
            }
            return Optional.of(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Saved.class));
        } catch (JsonProcessingException e) {
            throw new CtlException(file + " is not a canhgacctl session (" + e.getOriginalMessage() + "); delete it and log in again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the session " + file + ": " + e.getMessage(), e);
        }
    }
}
