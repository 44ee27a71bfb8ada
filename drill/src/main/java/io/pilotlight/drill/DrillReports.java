package io.pilotlight.drill;

import io.pilotlight.topology.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON-ready maps and as a self-contained HTML page with a timeline chart. */
public final class DrillReports {
    private static final com.fasterxml.jackson.databind.ObjectMapper PRETTY = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** The report's JSON document, indented, as report.json holds it and {@code --format json} prints it. */
    public static String pretty(Map<String, Object> json) {
        try {
            return PRETTY.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's JSON: " + e.getOriginalMessage(), e);
        }
    }

    private DrillReports() {
    }

    private static double seconds(long millis) {
        return millis < 0 ? -1 : millis / 1000.0;
    }

    public static Map<String, Object> json(DrillReport report, ReportContext context) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("at", Instant.ofEpochMilli(report.faultAtMillis()).toString());
        root.put("started_at", context.startedAt().toString());
        root.put("pilotlight_version", context.version());
        root.put("topology", report.topology());
        root.put("topology_file", context.topologyFile().toString());
        root.put("scenario", report.scenario());
        root.put("target", report.target());
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("html", context.html().toString());
        files.put("json", context.json().toString());
        root.put("report", files);
        root.put("verdict", report.met() ? "met" : "missed");
        Map<String, Object> rto = new LinkedHashMap<>();
        rto.put("objective", human(report.objectiveRtoMillis()));
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
        rpo.put("objective", human(report.objectiveRpoMillis()));
        rpo.put("objective_seconds", seconds(report.objectiveRpoMillis()));
        rpo.put("acknowledged_writes", report.acknowledgedWrites());
        rpo.put("lost_writes", report.lostWrites().size());
        rpo.put("data_loss_window_seconds", seconds(report.dataLossWindowMillis()));
        rpo.put("result", report.rpoMet() ? "PASS" : "FAIL");
        rpo.put("lost", report.lostWrites().stream().map(w -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("key", w.key());
            node.put("value", w.value());
            node.put("acknowledged_at", Instant.ofEpochMilli(w.ackMillis()).toString());
            node.put("seconds_after_fault", (w.ackMillis() - report.faultAtMillis()) / 1000.0);
            return node;
        }).toList());
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
    public static String text(DrillReport report, ReportContext context) {
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
        out.println("Report: " + context.html() + " and " + context.json().getFileName());
        out.flush();
        return buffer.toString();
    }


    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static String human(long millis) {
        return Durations.format(Duration.ofMillis(millis));
    }

    /** A self-contained page: what ran, the verdict, the objectives as written, the timeline chart, the breakdown, the milestones. */
    public static String html(DrillReport report, ReportContext context) {
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Drill: ")
                .append(escape(report.topology())).append(" — ").append(escape(report.scenario())).append("</title><style>"
                        + "body{font-family:sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                        + "dl.run{display:grid;grid-template-columns:max-content auto max-content auto;gap:2px 1em;margin:.5em 0}dl.run dt{font-weight:bold}"
                        + "dl.run dd{margin:0}.pass{color:#070}.fail{color:#b00}.verdict{font-size:1.3em}"
                        + "svg.timeline{display:block;max-width:100%;height:auto;border:1px solid #eee}</style></head><body>");
        out.append("<h1>Drill: ").append(escape(report.scenario())).append(" of ").append(escape(report.target())).append(" — ")
                .append(escape(report.topology())).append("</h1>");
        out.append("<p class=\"verdict ").append(report.met() ? "pass" : "fail").append("\"><b>Verdict: objectives ")
                .append(report.met() ? "met" : "missed").append("</b></p>");
        out.append("<dl class=\"run\">");
        definition(out, "Fault injected (t0)", WHEN.format(Instant.ofEpochMilli(report.faultAtMillis())));
        definition(out, "Pilotlight", context.version());
        definition(out, "Topology file", context.topologyFile() + " (" + report.topology() + ")");
        definition(out, "Scenario", report.scenario() + " of " + report.target());
        definition(out, "Lost writes", report.lostWrites().size() + " of " + report.acknowledgedWrites() + " acknowledged writes");
        definition(out, "Files", context.html() + ", " + context.json());
        out.append("</dl>");
        out.append("<table><tr><th></th><th>Objective</th><th>Planner estimate</th><th>Measured</th><th>Result</th></tr>");
        out.append(row("RTO", human(report.objectiveRtoMillis()), human(report.estimatedRtoMillis()),
                report.measuredRtoMillis() < 0 ? "not recovered" : human(report.measuredRtoMillis()), report.rtoMet()));
        out.append(row("RPO", human(report.objectiveRpoMillis()), "",
                report.lostWrites().size() + " of " + report.acknowledgedWrites() + " acknowledged writes lost; data-loss window "
                        + human(report.dataLossWindowMillis()), report.rpoMet()));
        if (report.ledger() != null) {
            out.append(row("Ledger", "every lost write named", "", report.ledger().region() + "'s ledger names "
                    + (report.ledger().lostWrites() - report.ledger().notInLedger().size()) + " of " + report.ledger().lostWrites()
                    + " lost writes (" + report.ledger().ledgerEntries() + " entries)", report.ledger().matches()));
        }
        out.append("</table><h2>Timeline</h2>").append(TimelineChart.svg(report))
                .append("<p>Each bar is one second after the fault: the share of the synthetic clients' requests that succeeded"
                        + " (green when at least 99 %, amber when less) and the share that failed or got no answer (red).</p>");
        out.append("<h2>RTO term by term</h2><table><tr><th>Term</th><th>Planner estimate</th><th>Measured</th><th>Measured as</th></tr>");
        for (RtoBreakdown.Term t : report.terms()) {
            out.append("<tr><td>").append(escape(t.name())).append("</td><td>").append(human(t.estimatedMillis())).append("</td><td>")
                    .append(t.measuredMillis() < 0 ? "—" : human(t.measuredMillis())).append("</td><td>")
                    .append(escape(t.measuredAs())).append("</td></tr>");
        }
        out.append("</table><h2>Milestones</h2><table><tr><th>Milestone</th><th>Seconds after the fault</th><th>Evidence</th></tr>");
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

    private static void definition(StringBuilder out, String term, String value) {
        out.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static String row(String name, String objective, String estimate, String measured, boolean ok) {
        return "<tr><th>" + name + "</th><td>" + escape(objective) + "</td><td>" + escape(estimate) + "</td><td>" + escape(measured)
                + "</td><td class=\"" + (ok ? "pass\">PASS" : "fail\">FAIL") + "</td></tr>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
