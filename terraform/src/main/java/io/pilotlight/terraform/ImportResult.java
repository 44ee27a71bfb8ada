package io.pilotlight.terraform;

import java.util.List;
import java.util.Map;

/**
 * A topology written from Terraform.
 *
 * @param yaml        the topology file, every value commented with the file and line it came from
 * @param notes       unknowns, assumptions, skipped resources, modules not followed, what the format cannot express
 * @param lineOrigins for each line of {@code yaml} (1-based) that carries a value, where that value came from
 * @param resources   how many resources were read
 */
public record ImportResult(String source, String yaml, List<ImportNote> notes, Map<Integer, Origin> lineOrigins, int resources) {
    public ImportResult {
        notes = List.copyOf(notes);
        lineOrigins = Map.copyOf(lineOrigins);
    }

    /** The Terraform origin of a line of the YAML, or of the nearest line above it that has one. */
    public Origin originOfLine(int yamlLine) {
        for (int line = yamlLine; line > 0; line--) {
            Origin origin = lineOrigins.get(line);
            if (origin != null) {
                return origin;
            }
        }
        return null;
    }

    public List<ImportNote> notes(ImportNote.Kind kind) {
        return notes.stream().filter(n -> n.kind() == kind).toList();
    }
}
