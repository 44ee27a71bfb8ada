package io.pilotlight.http.auth;

import io.pilotlight.http.HttpCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A server's route classification: which {@link Access} each (method, path prefix) needs. Prefixes
 * match on segment boundaries, longest first, as {@code HttpFront}'s routes do; a rule may be for
 * some methods only (GET /routing reads, POST /routing acts). A call no rule covers needs
 * {@link Access#READ} (so an unknown path tells a stranger nothing but 401).
 */
public final class AccessPolicy {
    private record Rule(String prefix, Set<String> methods, Access access) { }

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt((Rule r) -> r.prefix().length()).reversed()).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@code call} needs. */
    public Access classify(HttpCall call) {
        for (Rule rule : rules) {
            if (matches(rule.prefix(), call.rawPath()) && (rule.methods().isEmpty() || rule.methods().contains(call.method()))) {
                return rule.access();
            }
        }
        return Access.READ;
    }

    static boolean matches(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        return path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        /** Every method on {@code prefix} needs {@code access}. */
        public Builder route(String prefix, Access access) {
            rules.add(new Rule(prefix, Set.of(), access));
            return this;
        }

        /** {@code methods} on {@code prefix} need {@code access} (a rule without methods covers the rest). */
        public Builder route(String prefix, Set<String> methods, Access access) {
            rules.add(new Rule(prefix, Set.copyOf(methods), access));
            return this;
        }

        public AccessPolicy build() {
            // method-specific rules before the catch-all of the same prefix
            List<Rule> ordered = new ArrayList<>(rules);
            ordered.sort(Comparator.comparing((Rule r) -> r.methods().isEmpty()));
            return new AccessPolicy(ordered);
        }
    }
}
