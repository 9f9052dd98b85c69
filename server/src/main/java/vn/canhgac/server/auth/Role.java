package vn.canhgac.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a server account may do. Officers and inspectors are limited to their units and sub-units. */
public enum Role {
    /** Everything, in every unit: units, accounts, the audit log. */
    ADMIN,
    /** Tokens, agents and (later) policies of their units. */
    SECURITY_OFFICER,
    /** Reads agents and events of their units; changes nothing. */
    INSPECTOR;

    /** The name in the API, the CLI and the store: admin, security-officer, inspector. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted roles */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.wire().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of " + Arrays.stream(values()).map(Role::wire)
                .collect(Collectors.joining(", ")) + " (got " + (text == null ? "nothing" : "\"" + text + "\"") + ")");
    }
}
