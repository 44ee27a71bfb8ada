package io.pilotlight.terraform;

import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Terraform fixtures under src/test/resources/terraform, imported and loaded. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/terraform/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportOptions objectives(String rto, String rpo, Map<String, String> vars) {
        return new ImportOptions(vars, List.of(), null, Duration.parse("PT" + rto.toUpperCase()), Duration.parse("PT" + rpo.toUpperCase()), null);
    }

    static ImportResult read(String name, ImportOptions options) {
        try {
            return TerraformImporter.read(path(name), options);
        } catch (TerraformSyntaxException | TerraformInputException e) {
            throw new AssertionError(name + " does not import: " + e.getMessage(), e);
        }
    }

    static LoadedTopology load(ImportResult result) {
        try {
            return TopologyLoader.parse(result.source(), result.yaml());
        } catch (TopologyException e) {
            throw new AssertionError("the imported topology does not load:\n" + e.getMessage() + "\n" + result.yaml(), e);
        }
    }

    /** The YAML line holding the text, with its comment. */
    static String line(ImportResult result, String text) {
        return result.yaml().lines().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in\n" + result.yaml()));
    }

    static List<String> notes(ImportResult result, ImportNote.Kind kind) {
        return result.notes(kind).stream().map(ImportNote::toString).toList();
    }
}
