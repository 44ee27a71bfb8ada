package io.pilotlight.topology.load;

import java.util.List;
import java.util.stream.Collectors;

/** A topology file that cannot be used, with every problem found in it. */
public final class TopologyException extends Exception {
    private final transient List<Problem> problems;

    public TopologyException(List<Problem> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
