package io.pilotlight.drill.history;

import io.pilotlight.topology.spec.WireNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The history as a text table: when, topology, drill, scenario, target, verdict, RTO, lost writes, and
 * the report (or, for a drill that ended without one, why).
 */
public final class HistoryTable {
    private static final List<String> HEADER = List.of("WHEN", "TOPOLOGY", "DRILL", "SCENARIO", "TARGET", "VERDICT", "RTO", "LOST WRITES", "REPORT OR REASON");

    private HistoryTable() {
    }

    public static String render(List<DrillRecord> records) {
        if (records.isEmpty()) {
            return "no drills in the history\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DrillRecord r : records) {
            rows.add(List.of(r.at().toString(), r.topology(), orDash(r.drill()), WireNames.of(r.scenario()), orDash(r.target()),
                    r.verdict().wireName(), r.rtoSeconds() == null ? "-" : String.format("%.1fs", r.rtoSeconds()),
                    r.lostWrites() == null ? "-" : r.lostWrites().toString(), r.report() == null && r.reason() != null ? shortened(r.reason()) : orDash(r.report())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format("%-" + widths[c] + "s", row.get(c))).append(c + 1 < row.size() ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A long reason is cut in the table (the history line and {@code --format json} keep all of it). */
    private static String shortened(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 99) + "…";
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
