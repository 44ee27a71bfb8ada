package io.pilotlight.http.auth;

import java.util.Locale;

/**
 * What a token may do. A viewer reads; an operator reads and acts (promote, switchover, peers,
 * backup, restore, routing controls, reload, fault control); an agent is a region's own process
 * (store node, its replication and lease calls) and speaks only for its region.
 */
public enum Role {
    VIEWER, OPERATOR, AGENT;

    /** The name as written in the token file and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code viewer}, {@code operator} or {@code agent}; anything else an {@link IllegalArgumentException} naming what is allowed. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role \"" + text + "\" is not allowed; expected viewer, operator or agent");
    }
}
