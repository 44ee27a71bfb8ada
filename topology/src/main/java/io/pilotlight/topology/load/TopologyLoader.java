package io.pilotlight.topology.load;

import io.pilotlight.topology.Topology;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a topology file: YAML syntax, then the model's types and bounds, then cross references. */
public final class TopologyLoader {
    private TopologyLoader() {
    }

    public static LoadedTopology load(Path file) throws TopologyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TopologyException(List.of(new Problem(file.toString(), 0, 0, "", null,
                    "cannot read the file: " + describe(e))));
        }
        return parse(file.toString(), text);
    }

    public static LoadedTopology parse(String fileName, String text) throws TopologyException {
        List<Problem> problems = new ArrayList<>();
        SourceMap sources = new SourceMap(fileName);
        Node root = compose(fileName, text, problems);
        if (root instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar && scalar.getValue().isBlank()) {
            root = null; // a file holding only "---" or comments
        }
        if (root == null) {
            if (problems.isEmpty()) {
                problems.add(new Problem(fileName, 1, 1, "", null,
                        "the file is empty; a topology needs at least name, objectives and regions"));
            }
            throw new TopologyException(problems);
        }
        Topology topology = new YamlBinder(sources, problems).bindRoot(root, Topology.class);
        if (topology != null) {
            problems.addAll(new TopologyValidator(topology, sources).validate());
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new TopologyException(problems);
        }
        return new LoadedTopology(topology, sources);
    }

    private static Node compose(String fileName, String text, List<Problem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(4 * 1024 * 1024);
        try {
            Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                Mark mark = second.getStartMark();
                problems.add(new Problem(fileName, mark.getLine() + 1, mark.getColumn() + 1, "", null,
                        "a second YAML document; a topology file holds exactly one"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.add(new Problem(fileName, line, column, "", null, "YAML syntax: " + e.getProblem() + context));
            return null;
        } catch (YAMLException e) {
            problems.add(new Problem(fileName, 0, 0, "", null, "YAML: " + e.getMessage()));
            return null;
        } catch (IllegalArgumentException e) {
            // SnakeYAML rejects some malformed tags (e.g. "!:::%0") with a bare IllegalArgumentException
            problems.add(new Problem(fileName, 0, 0, "", null, "YAML syntax: " + e.getMessage()));
            return null;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
