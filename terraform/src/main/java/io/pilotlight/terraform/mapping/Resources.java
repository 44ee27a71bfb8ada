package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.eval.Evaluator;
import io.pilotlight.terraform.eval.Value;
import io.pilotlight.terraform.hcl.HclReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every resource of the root module and of the local modules it calls (their inputs evaluated in the caller),
 * each with its own module's evaluator. Modules from a registry, Git or a URL are noted as not followed.
 */
final class Resources {
    private static final int MAX_DEPTH = 5;
    private static final Set<String> META = Set.of("source", "version", "providers", "count", "for_each", "depends_on");

    private final List<Res> all = new ArrayList<>();
    private final List<Evaluator> scopes = new ArrayList<>();
    private final Map<Evaluator, Evaluator> parents = new java.util.IdentityHashMap<>();
    private final Map<Evaluator, Map<String, String>> providerMaps = new java.util.IdentityHashMap<>();
    private final Notes notes;

    private Resources(Notes notes) {
        this.notes = notes;
    }

    static Resources load(Evaluator root, Notes notes) throws TerraformSyntaxException, TerraformInputException {
        Resources resources = new Resources(notes);
        resources.add(root, "", 0);
        return resources;
    }

    private void add(Evaluator scope, String prefix, int depth) throws TerraformSyntaxException, TerraformInputException {
        scopes.add(scope);
        for (Block block : scope.configuration().resources()) {
            String address = prefix + block.label(0) + "." + block.label(1);
            if (block.labels().size() > 2) {
                // an instance from terraform show -json: already expanded, its index is the third label
                Object key = planKey(block.label(2));
                all.add(new Res(block, scope, address + Value.indexSuffix(key), key, notes));
                continue;
            }
            for (Instances.Instance instance : Instances.of(block, scope, address, notes)) {
                Res res = new Res(block, instance.evaluator(), address + Value.indexSuffix(instance.key()), instance.key(), notes);
                all.add(res);
                // a dynamic block whose for_each is unknown is noted here, whether or not a mapper reads its blocks
                block.blocks("dynamic").forEach(dynamic -> res.nested(dynamic.label(0)));
            }
        }
        for (Block module : scope.configuration().ofType("module")) {
            Value source = scope.attribute(module, "source");
            String address = prefix + "module." + module.label(0);
            if (!(source instanceof Value.Known known) || !(known.value() instanceof String path)) {
                notes.add(ImportNote.Kind.NOT_FOLLOWED, address + ": its source is not a literal string", module.origin());
            } else if (!path.startsWith("./") && !path.startsWith("../")) {
                notes.add(ImportNote.Kind.NOT_FOLLOWED, address + " comes from \"" + path + "\" (a registry, Git or URL source):"
                        + " not downloaded; its resources are not in this topology", module.origin());
            } else if (depth >= MAX_DEPTH) {
                notes.add(ImportNote.Kind.NOT_FOLLOWED, address + ": modules nested deeper than " + MAX_DEPTH + " levels", module.origin());
            } else {
                Path dir = Path.of(module.origin().file()).resolveSibling(path).normalize();
                if (!Files.isDirectory(dir)) {
                    notes.add(ImportNote.Kind.NOT_FOLLOWED, address + ": " + path + " is not a directory", module.origin());
                    continue;
                }
                Configuration child = HclReader.configuration(dir);
                Map<String, Value> inputs = new LinkedHashMap<>();
                module.attributes().forEach((name, attribute) -> {
                    if (!META.contains(name)) {
                        inputs.put(name, scope.evaluate(attribute.expr(), attribute.origin()));
                    }
                });
                if (module.attribute("count").isPresent() || module.attribute("for_each").isPresent()) {
                    notes.add(ImportNote.Kind.UNKNOWN, address + " uses count or for_each: its resources are read once", module.origin());
                }
                Evaluator childScope = new Evaluator(child, inputs);
                parents.put(childScope, scope);
                providerMaps.put(childScope, providerMap(module, scope));
                add(childScope, address + ".", depth + 1);
            }
        }
    }

    /** The index of a plan's instance as its address writes it ({@code ["east"]} or {@code [0]}), back to a key. */
    private static Object planKey(String suffix) {
        String inner = suffix.startsWith("[") && suffix.endsWith("]") ? suffix.substring(1, suffix.length() - 1) : suffix;
        if (inner.startsWith("\"") && inner.endsWith("\"") && inner.length() >= 2) {
            return inner.substring(1, inner.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return inner.matches("\\d+") ? (Object) Integer.valueOf(inner) : inner;
    }

    List<Res> all() {
        return List.copyOf(all);
    }

    List<Res> ofType(String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The resource a reference points to, looked up in the referring resource's own module. */
    Optional<Res> resolve(Res from, Value.ResourceRef ref) {
        return all.stream().filter(r -> r.evaluator().module() == from.evaluator().module() && r.is(ref)).findFirst();
    }

    /** {@code providers = { aws = aws.standby }}: the module's provider name to the caller's provider key. */
    private static Map<String, String> providerMap(Block module, Evaluator scope) {
        Map<String, String> out = new LinkedHashMap<>();
        Value providers = scope.attribute(module, "providers");
        if (providers != null) {
            providers.entries().forEach((name, value) -> {
                if (value instanceof Value.ResourceRef ref) {
                    out.put(name, ref.type() + "." + ref.name());
                }
            });
        }
        return out;
    }

    Optional<Evaluator> parent(Evaluator scope) {
        return Optional.ofNullable(parents.get(scope));
    }

    Map<String, String> providerMap(Evaluator scope) {
        return providerMaps.getOrDefault(scope, Map.of());
    }

    List<Evaluator> scopes() {
        return List.copyOf(scopes);
    }
}
