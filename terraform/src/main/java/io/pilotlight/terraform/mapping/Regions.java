package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.eval.Evaluator;
import io.pilotlight.terraform.eval.Value;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which region each resource lives in: its {@code provider = aws.ALIAS} meta-argument, through the provider
 * block of that alias and its {@code region}; without one, the default {@code aws} provider's region.
 */
final class Regions {
    /** A region and where it was learnt. */
    record Located(String region, Origin origin, String how) {
    }

    private final Map<Evaluator, Map<String, Located>> byAlias = new IdentityHashMap<>();
    private final Map<String, Located> seen = new LinkedHashMap<>();
    private final Notes notes;

    Regions(Resources resources, Notes notes) {
        this.notes = notes;
        for (Evaluator scope : resources.scopes()) {
            Map<String, Located> aliases = new LinkedHashMap<>();
            for (Block provider : scope.configuration().ofType("provider")) {
                if (!provider.label(0).equals("aws")) {
                    continue;
                }
                String alias = provider.attribute("alias").map(a -> scope.evaluate(a.expr(), a.origin()))
                        .filter(Value.Known.class::isInstance).map(v -> String.valueOf(((Value.Known) v).value())).orElse("");
                Value region = scope.attribute(provider, "region");
                String key = alias.isEmpty() ? "aws" : "aws." + alias;
                if (region instanceof Value.Known known && known.value() instanceof String name) {
                    Located located = new Located(name, provider.originOf("region"), "provider " + key);
                    aliases.put(key, located);
                    seen.putIfAbsent(name, located);
                } else if (region instanceof Value.Unknown unknown) {
                    notes.unknown("provider " + key + " region", unknown);
                } else if (region == null) {
                    notes.add(ImportNote.Kind.UNKNOWN, "provider " + key + " has no region (AWS_REGION decides when Terraform runs)",
                            provider.origin());
                }
            }
            resources.parent(scope).ifPresent(parent -> {
                Map<String, Located> inherited = byAlias.getOrDefault(parent, Map.of());
                resources.providerMap(scope).forEach((local, callers) -> {
                    if (inherited.containsKey(callers)) {
                        aliases.putIfAbsent(local, inherited.get(callers));
                    }
                });
                if (!aliases.containsKey("aws") && inherited.containsKey("aws") && !resources.providerMap(scope).containsKey("aws")) {
                    aliases.put("aws", inherited.get("aws"));
                }
            });
            byAlias.put(scope, aliases);
        }
    }

    Optional<Located> of(Res resource) {
        Map<String, Located> aliases = byAlias.getOrDefault(resource.evaluator().module(), Map.of());
        String key = "aws";
        if (resource.block().attribute("provider").isPresent()) {
            Value provider = resource.evaluator().attribute(resource.block(), "provider");
            if (provider instanceof Value.ResourceRef ref) {
                key = ref.type() + "." + ref.name();
            } else if (provider instanceof Value.Known known && known.value() instanceof String text) {
                key = text;
            }
        }
        Located located = aliases.get(key);
        if (located == null && key.equals("aws") && aliases.size() == 1) {
            located = aliases.values().iterator().next();
        }
        return Optional.ofNullable(located);
    }

    /** A region named in an attribute ({@code region_name} of a DynamoDB replica), remembered as seen. */
    Located named(String region, Origin origin, String how) {
        Located located = new Located(region, origin, how);
        seen.putIfAbsent(region, located);
        return located;
    }

    /** Every region met, in the order met, with where it was first learnt. */
    Map<String, Located> seen() {
        return java.util.Collections.unmodifiableMap(seen);
    }

    void saw(Located located) {
        seen.putIfAbsent(located.region(), located);
    }
}
