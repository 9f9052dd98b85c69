package vn.canhgac.protocol.config;

/** A configuration file that cannot be used; the message names the file, key and problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
