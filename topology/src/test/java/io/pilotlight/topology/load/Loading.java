package io.pilotlight.topology.load;

import io.pilotlight.topology.Topology;
import java.util.List;

/** Loads YAML text in tests: either it must load, or it must fail and the problems are returned. */
final class Loading {
    static final String FILE = "t.yaml";

    /** A small valid topology (5 lines) that tests extend with the section under test. */
    static final String BASE = """
            name: shop
            objectives: { rto: 30m, rpo: 5m }
            regions:
              us-east-1: { role: primary, address: 127.0.1.1 }
              us-west-2: { role: standby, address: 127.0.2.1 }
            """;

    private Loading() {
    }

    static Topology load(String text) {
        try {
            return TopologyLoader.parse(FILE, text).topology();
        } catch (TopologyException e) {
            throw new AssertionError("expected the file to load, but: " + e.getMessage() + "\n--- file:\n" + text, e);
        }
    }

    static List<Problem> problemsOf(String text) {
        try {
            TopologyLoader.parse(FILE, text);
        } catch (TopologyException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems, but the file loaded:\n" + text);
    }

    /** The one problem of a file that must have exactly one. */
    static Problem onlyProblemOf(String text) {
        List<Problem> problems = problemsOf(text);
        if (problems.size() != 1) {
            throw new AssertionError("expected exactly one problem, found " + problems.size() + ":\n"
                    + String.join("\n", problems.stream().map(Problem::toString).toList()));
        }
        return problems.get(0);
    }
}
