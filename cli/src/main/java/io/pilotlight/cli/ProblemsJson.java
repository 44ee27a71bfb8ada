package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.topology.load.Problem;
import java.util.List;

/** Validation problems as JSON for scripts and editors. */
final class ProblemsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProblemsJson() {
    }

    static String render(List<Problem> problems) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valid", problems.isEmpty());
        ArrayNode list = root.putArray("problems");
        for (Problem p : problems) {
            list.addObject().put("file", p.file()).put("line", p.line()).put("column", p.column()).put("path", p.path())
                    .put("value", p.value()).put("message", p.message());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
