package io.pilotlight.cli;

import io.pilotlight.planner.Plan;
import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.ImportResult;
import io.pilotlight.terraform.Origin;
import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.Problem;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An imported topology loaded in memory, with each finding and problem traced back to its Terraform line. */
record TerraformTopology(ImportResult result, LoadedTopology loaded) {

    static String yamlName(ImportResult result) {
        return result.source() + " (imported topology)";
    }

    /** Loads the imported YAML; its problems are given the Terraform line each value came from. */
    static TerraformTopology load(ImportResult result) throws TopologyException {
        try {
            return new TerraformTopology(result, TopologyLoader.parse(yamlName(result), result.yaml()));
        } catch (TopologyException e) {
            throw new TopologyException(e.problems().stream().map(p -> traced(result, p)).toList());
        }
    }

    private static Problem traced(ImportResult result, Problem problem) {
        Origin origin = result.originOfLine(problem.line());
        return origin == null || !origin.known() ? problem
                : new Problem(origin.file(), origin.line(), 0, problem.path(), problem.value(), problem.message() + " (imported topology line "
                        + problem.line() + ")");
    }

    Plan traced(Plan plan) {
        return plan.withFindingOrigins(f -> {
            Origin origin = result.originOfLine(f.line());
            return origin == null ? "(not in Terraform)" : origin.toString();
        });
    }

    static void printNotes(ImportResult result, PrintWriter out) {
        Map<ImportNote.Kind, List<ImportNote>> byKind = new TreeMap<>();
        result.notes().forEach(n -> byKind.computeIfAbsent(n.kind(), k -> new java.util.ArrayList<>()).add(n));
        out.println("Terraform import of " + result.source() + ": " + result.resources() + " resources read, " + result.notes().size() + " notes");
        byKind.forEach((kind, notes) -> {
            out.println("  " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ":");
            notes.forEach(n -> out.println("    " + n.origin() + ": " + n.message()));
        });
    }
}
