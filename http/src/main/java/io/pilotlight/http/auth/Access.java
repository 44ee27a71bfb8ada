package io.pilotlight.http.auth;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which roles may make one kind of call, and where the call says which region it speaks for (an
 * agent token may speak only for its own region). Declared by each server per route, see {@link AccessPolicy}.
 */
public record Access(Set<Role> roles, RegionClaim claim, boolean data) {
    /** Status, events, digests: any token. */
    public static final Access READ = new Access(EnumSet.allOf(Role.class), RegionClaim.NONE, false);
    /**
     * Promote, switchover, peers, backup, routing controls, reload, fault control: operators, and agents (the controller
     * leader is an agent, and acts with its agent token: protect an agent token as an operator's).
     */
    public static final Access ACT = new Access(EnumSet.of(Role.OPERATOR, Role.AGENT), RegionClaim.NONE, false);
    /** Open to anyone. */
    public static final Access OPEN = new Access(Set.of(), RegionClaim.NONE, false);
    /**
     * Data reads and writes ({@code /kv}): open unless the server requires a token for data
     * ({@code --require-token-for-data}), then any valid token.
     */
    public static final Access DATA = new Access(EnumSet.allOf(Role.class), RegionClaim.NONE, true);

    public Access {
        roles = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    /** Agent-only calls (the replication stream, durability reports, lease calls), the region read by {@code claim}. */
    public static Access agent(RegionClaim claim) {
        return new Access(EnumSet.of(Role.AGENT), claim, false);
    }

    /** {@code roles} may call it; an agent among them only for the region {@code claim} finds. */
    public static Access of(RegionClaim claim, Role... roles) {
        return new Access(roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), claim, false);
    }

    /** No token needed. */
    public boolean open() {
        return roles.isEmpty();
    }

    /** "operator", "operator or agent": the words a refusal uses. */
    public String needed() {
        return roles.size() == Role.values().length ? "any token" : roles.stream().map(Role::label).collect(Collectors.joining(" or "));
    }
}
