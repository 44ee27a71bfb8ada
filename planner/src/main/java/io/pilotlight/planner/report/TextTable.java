package io.pilotlight.planner.report;

import java.util.ArrayList;
import java.util.List;

/** Aligned plain-text columns, the last one left ragged. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    public TextTable(String indent, String... header) {
        this.indent = indent;
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public String render() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                line.append(c < columns - 1 ? pad(row[c], widths[c] + 2) : row[c]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
