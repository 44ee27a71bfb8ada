package io.pilotlight.terraform.hcl;

import io.pilotlight.terraform.Origin;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a block's or an attribute's line in the source text, for the symbols hcl4j leaves without a line:
 * the first line at or after the enclosing block's that starts the block or {@code name =}.
 */
final class SourceIndex {
    private final String[] lines;

    SourceIndex(String text) {
        this.lines = text.split("\n", -1);
    }

    int blockLine(List<String> names, int fromLine) {
        StringBuilder regex = new StringBuilder("^\\s*").append(Pattern.quote(names.get(0)));
        for (String label : names.subList(1, names.size())) {
            regex.append("\\s+\"?").append(Pattern.quote(label)).append("\"?");
        }
        return find(Pattern.compile(regex.append("\\s*\\{").toString()), fromLine);
    }

    int attributeLine(String name, int fromLine) {
        return find(Pattern.compile("^\\s*\"?" + Pattern.quote(name) + "\"?\\s*="), fromLine);
    }

    private int find(Pattern pattern, int fromLine) {
        for (int i = Math.max(0, fromLine - 1); i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return Origin.UNKNOWN_LINE;
    }
}
