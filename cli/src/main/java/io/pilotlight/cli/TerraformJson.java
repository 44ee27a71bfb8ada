package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.report.JsonReport;
import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.ImportResult;

/** The plan's JSON with the import's notes under {@code terraform_import}. */
final class TerraformJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TerraformJson() {
    }

    static String render(Plan plan, ImportResult imported) {
        ObjectNode root = JsonReport.tree(plan);
        ObjectNode terraform = root.putObject("terraform_import");
        terraform.put("source", imported.source());
        terraform.put("resources", imported.resources());
        ArrayNode notes = terraform.putArray("notes");
        for (ImportNote note : imported.notes()) {
            ObjectNode node = notes.addObject();
            node.put("kind", note.kind().name().toLowerCase(java.util.Locale.ROOT));
            node.put("message", note.message());
            node.put("file", note.origin().file());
            node.put("line", note.origin().line());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
