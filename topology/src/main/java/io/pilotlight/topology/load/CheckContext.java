package io.pilotlight.topology.load;

import io.pilotlight.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the semantic checks share: the topology, where things were written, and the problems found. */
final class CheckContext {
    final Topology topology;
    private final SourceMap sources;
    private final List<Problem> problems = new ArrayList<>();

    CheckContext(Topology topology, SourceMap sources) {
        this.topology = topology;
        this.sources = sources;
    }

    void report(String path, String message) {
        problems.add(sources.problem(path, sources.textOf(path), message));
    }

    /** Reports a name that refers to nothing, with the closest defined name and the full list. */
    void unknown(String path, String kind, String value, Collection<String> defined) {
        String list = defined.isEmpty() ? "none is defined" : "defined: " + String.join(", ", defined);
        report(path, "\"" + value + "\" is not a known " + kind + Suggestions.didYouMean(value, defined) + "; " + list);
    }

    boolean isRegion(String name) {
        return name != null && topology.regions().containsKey(name);
    }

    void requireRegion(String path, String name) {
        if (name != null && !isRegion(name)) {
            unknown(path, "region", name, topology.regions().keySet());
        }
    }

    /**
     * A region that runs part of the deployment (a service, data, compute or a DNS record): known, and not a witness,
     * which holds only a coordination member.
     */
    void requireServingRegion(String path, String name) {
        requireRegion(path, name);
        if (isRegion(name) && !topology.serves(name)) {
            List<String> serving = topology.regions().keySet().stream().filter(topology::serves).toList();
            report(path, "\"" + name + "\" is a witness region (role: witness): it holds only a coordination member, never a"
                    + " service, data, compute or DNS record; " + (serving.isEmpty() ? "no region serves" : "regions that serve: "
                    + String.join(", ", serving)));
        }
    }

    List<Problem> problems() {
        return problems;
    }
}
