package io.pilotlight.drill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON-ready maps and as a self-contained HTML page with a timeline chart. */
public final class DrillReports {
    private DrillReports() {
    }

    private static double seconds(long millis) {
        return millis < 0 ? -1 : millis / 1000.0;
    }

    public static Map<String, Object> json(DrillReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", report.topology());
        root.put("scenario", report.scenario());
        root.put("target", report.target());
        root.put("verdict", report.met() ? "met" : "missed");
        Map<String, Object> rto = new LinkedHashMap<>();
        rto.put("objective_seconds", seconds(report.objectiveRtoMillis()));
        rto.put("estimated_seconds", seconds(report.estimatedRtoMillis()));
        rto.put("measured_seconds", report.measuredRtoMillis() < 0 ? null : seconds(report.measuredRtoMillis()));
        rto.put("result", report.rtoMet() ? "PASS" : "FAIL");
        rto.put("terms", report.terms().stream().map(t -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", t.name());
            node.put("estimated_seconds", seconds(t.estimatedMillis()));
            node.put("measured_seconds", t.measuredMillis() < 0 ? null : seconds(t.measuredMillis()));
            node.put("measured_as", t.measuredAs());
            return node;
        }).toList());
        root.put("rto", rto);
        Map<String, Object> rpo = new LinkedHashMap<>();
        rpo.put("objective_seconds", seconds(report.objectiveRpoMillis()));
        rpo.put("acknowledged_writes", report.acknowledgedWrites());
        rpo.put("lost_writes", report.lostWrites().size());
        rpo.put("data_loss_window_seconds", seconds(report.dataLossWindowMillis()));
        rpo.put("result", report.rpoMet() ? "PASS" : "FAIL");
        rpo.put("lost", report.lostWrites());
        if (report.ledger() != null) {
            Map<String, Object> ledger = new LinkedHashMap<>();
            ledger.put("region", report.ledger().region());
            ledger.put("entries", report.ledger().ledgerEntries());
            ledger.put("lost_writes_named", report.ledger().lostWrites() - report.ledger().notInLedger().size());
            ledger.put("lost_writes_not_named", report.ledger().notInLedger());
            ledger.put("result", report.ledger().matches() ? "PASS" : "FAIL");
            rpo.put("ledger", ledger);
        }
        root.put("rpo", rpo);
        root.put("milestones", report.milestones().stream().map(m -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", m.name());
            node.put("seconds", m.atMillis() < 0 ? null : seconds(m.atMillis()));
            node.put("evidence", m.evidence());
            return node;
        }).toList());
        root.put("success_per_second", report.successPerSecond());
        root.put("notes", report.notes());
        return root;
    }

    /** The report as the terminal shows it. */
    public static String text(DrillReport report, java.nio.file.Path html) {
        java.io.StringWriter buffer = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(buffer);
        out.println();
        out.println("Milestones (seconds after the fault)");
        for (Milestone m : report.milestones()) {
            out.printf("  %-22s %8s%n", m.name(), m.atMillis() < 0 ? "-" : String.format("%.1f", m.atMillis() / 1000.0));
        }
        out.printf("%nRTO: measured %s, planner estimate %s, objective %s  %s%n",
                report.measuredRtoMillis() < 0 ? "not recovered" : io.pilotlight.topology.Durations.format(java.time.Duration.ofMillis(report.measuredRtoMillis())),
                io.pilotlight.topology.Durations.format(java.time.Duration.ofMillis(report.estimatedRtoMillis())), io.pilotlight.topology.Durations.format(java.time.Duration.ofMillis(report.objectiveRtoMillis())),
                report.rtoMet() ? "PASS" : "FAIL");
        out.printf("RPO: %d of %d acknowledged writes lost, data-loss window %s, objective %s  %s%n", report.lostWrites().size(),
                report.acknowledgedWrites(), io.pilotlight.topology.Durations.format(java.time.Duration.ofMillis(report.dataLossWindowMillis())),
                io.pilotlight.topology.Durations.format(java.time.Duration.ofMillis(report.objectiveRpoMillis())), report.rpoMet() ? "PASS" : "FAIL");
        out.printf("%nRTO term by term%n  %-18s %10s %10s  %s%n", "term", "planner", "measured", "measured as");
        for (var term : report.terms()) {
            out.printf("  %-18s %9.1fs %10s  %s%n", term.name(), term.estimatedMillis() / 1000.0,
                    term.measuredMillis() < 0 ? "-" : String.format("%.1fs", term.measuredMillis() / 1000.0), term.measuredAs());
        }
        if (report.ledger() != null) {
            out.printf("Ledger: %s's lost-writes ledger names %d of the %d lost writes (%d entries)  %s%n", report.ledger().region(),
                    report.ledger().lostWrites() - report.ledger().notInLedger().size(), report.ledger().lostWrites(),
                    report.ledger().ledgerEntries(), report.ledger().matches() ? "PASS" : "FAIL");
        }
        report.notes().forEach(note -> out.println("note: " + note));
        out.println("\nVerdict: objectives " + (report.met() ? "met" : "NOT met") + " (exit " + report.exitCode() + ")");
        out.println("Report: " + html + " and report.json");
        out.flush();
        return buffer.toString();
    }


    public static String html(DrillReport report) {
        StringBuilder out = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Drill: ")
                .append(escape(report.topology())).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                        + ".pass{color:#070}.fail{color:#b00}</style></head><body>");
        out.append("<h1>Drill ").append(escape(report.scenario())).append(" of ").append(escape(report.target())).append(" — ")
                .append(escape(report.topology())).append("</h1>");
        out.append("<p class=\"").append(report.met() ? "pass" : "fail").append("\"><b>Verdict: objectives ")
                .append(report.met() ? "met" : "missed").append("</b></p>");
        out.append("<table><tr><th></th><th>Objective</th><th>Planner estimate</th><th>Measured</th><th>Result</th></tr>");
        out.append(row("RTO", seconds(report.objectiveRtoMillis()) + " s", seconds(report.estimatedRtoMillis()) + " s",
                report.measuredRtoMillis() < 0 ? "not recovered" : seconds(report.measuredRtoMillis()) + " s", report.rtoMet()));
        out.append(row("RPO", seconds(report.objectiveRpoMillis()) + " s", "",
                report.lostWrites().size() + " of " + report.acknowledgedWrites() + " acknowledged writes lost; window "
                        + seconds(report.dataLossWindowMillis()) + " s", report.rpoMet()));
        if (report.ledger() != null) {
            out.append(row("Ledger", "every lost write named", "", report.ledger().region() + "'s ledger names "
                    + (report.ledger().lostWrites() - report.ledger().notInLedger().size()) + " of " + report.ledger().lostWrites()
                    + " lost writes (" + report.ledger().ledgerEntries() + " entries)", report.ledger().matches()));
        }
        out.append("</table><h2>RTO term by term</h2><table><tr><th>Term</th><th>Planner estimate</th><th>Measured</th><th>Measured as</th></tr>");
        for (RtoBreakdown.Term t : report.terms()) {
            out.append("<tr><td>").append(escape(t.name())).append("</td><td>").append(seconds(t.estimatedMillis())).append(" s</td><td>")
                    .append(t.measuredMillis() < 0 ? "—" : seconds(t.measuredMillis()) + " s").append("</td><td>")
                    .append(escape(t.measuredAs())).append("</td></tr>");
        }
        out.append("</table><h2>Timeline</h2>").append(chart(report)).append("<table><tr><th>Milestone</th><th>Seconds after the fault</th><th>Evidence</th></tr>");
        for (Milestone m : report.milestones()) {
            out.append("<tr><td>").append(escape(m.name())).append("</td><td>").append(m.atMillis() < 0 ? "—" : seconds(m.atMillis()))
                    .append("</td><td>").append(escape(m.evidence())).append("</td></tr>");
        }
        out.append("</table>");
        for (String note : report.notes()) {
            out.append("<p>").append(escape(note)).append("</p>");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String row(String name, String objective, String estimate, String measured, boolean ok) {
        return "<tr><th>" + name + "</th><td>" + escape(objective) + "</td><td>" + escape(estimate) + "</td><td>" + escape(measured)
                + "</td><td class=\"" + (ok ? "pass\">PASS" : "fail\">FAIL") + "</td></tr>";
    }

    /** Request success per second as bars, milestones as vertical markers. */
    private static String chart(DrillReport report) {
        List<Double> success = report.successPerSecond();
        int width = Math.max(1, success.size()) * 12 + 40;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"160\">");
        for (int i = 0; i < success.size(); i++) {
            double ratio = success.get(i) == null ? 0 : success.get(i);
            int height = (int) Math.round(ratio * 100);
            svg.append("<rect x=\"").append(20 + i * 12).append("\" y=\"").append(120 - height).append("\" width=\"10\" height=\"")
                    .append(height).append("\" fill=\"").append(ratio >= 0.99 ? "#4a4" : "#c44").append("\"/>");
        }
        int y = 130;
        for (Milestone m : report.milestones()) {
            if (m.atMillis() >= 0) {
                double x = 20 + m.atMillis() / 1000.0 * 12;
                svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"10\" y2=\"125\" stroke=\"#333\"/>")
                        .append("<text x=\"").append(x + 2).append("\" y=\"").append(y).append("\" font-size=\"9\">")
                        .append(escape(m.name())).append("</text>");
                y = y >= 155 ? 130 : y + 8;
            }
        }
        return svg.append("</svg><p>Bars: share of successful requests in each second after the fault (green: ≥ 99 %).</p>").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
