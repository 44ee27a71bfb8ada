package io.pilotlight.planner.report;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.PatternFit;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.StoreRpo;
import io.pilotlight.planner.findings.Finding;
import io.pilotlight.topology.spec.WireNames;

/** The plan as a person reads it at a glance: aligned tables, PASS/FAIL, findings with their fix. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        if (plan.hasTopology()) {
            out.append("Plan for ").append(plan.name()).append(" (").append(plan.source()).append(")\n");
        }
        out.append("Objectives: RTO ").append(format(plan.objectives().rto())).append(", RPO ")
                .append(format(plan.objectives().rpo())).append(", driver ").append(WireNames.of(plan.objectives().driver())).append("\n\n");
        patterns(plan, out);
        if (plan.hasTopology()) {
            rto(plan, out);
            rpo(plan, out);
            findings(plan, out);
        }
        out.append("\nVerdict: ").append(plan.objectivesMet() ? "objectives met" : "objectives NOT met")
                .append(" (exit ").append(plan.exitCode()).append(")\n");
        return out.toString();
    }

    private static void patterns(Plan plan, StringBuilder out) {
        out.append("Patterns, cheapest first\n");
        TextTable table = new TextTable("  ", "PATTERN", "RTO CLASS", "RPO CLASS", "COST", "FITS", "WHY");
        for (PatternFit fit : plan.advice().patterns()) {
            table.row(fit.profile().name(), fit.profile().rtoClassWithFloor(), fit.profile().rpoClassWithFloor(),
                    fit.profile().costLabel(), fit.fits() ? "yes" : "no", fit.reason());
        }
        out.append(table.render());
        out.append("\nRecommended: ").append(plan.advice().recommended()).append("\n");
        if (plan.advice().driverAdvice().multiRegionNeeded()) {
            out.append("  ").append(plan.advice().reason()).append("\n");
        } else {
            out.append("  ").append(plan.advice().driverAdvice().reason()).append("\n");
            out.append("  (for a regional outage it would be ").append(plan.advice().cheapestFit().name()).append(")\n");
        }
        if (plan.pattern() != null) {
            out.append("This topology: ").append(plan.pattern().name()).append(" (").append(plan.pattern().basis()).append(")\n");
        }
    }

    private static void rto(Plan plan, StringBuilder out) {
        out.append("\nEstimated RTO, worst case\n");
        TextTable table = new TextTable("  ", "TERM", "ESTIMATE", "BASIS");
        for (RtoTerm term : plan.rto().terms()) {
            table.row(term.name(), format(term.estimate()), term.basis());
        }
        table.row("total", format(plan.rto().total()), "objective " + format(plan.objectives().rto()) + "  "
                + (plan.rtoMet() ? "PASS" : "FAIL"));
        out.append(table.render());
        ExpectationReport.text(plan.expectation(), out);
    }

    private static void rpo(Plan plan, StringBuilder out) {
        out.append("\nRPO bound per data store\n");
        TextTable table = new TextTable("  ", "STORE", "KIND", "ENGINE", "BOUND", "RESULT", "BASIS");
        for (StoreRpo store : plan.rpo().stores()) {
            boolean ok = store.bound().compareTo(plan.objectives().rpo()) <= 0;
            table.row(store.name(), WireNames.of(store.store().kind()), store.store().engine(), format(store.bound()),
                    ok ? "PASS" : "FAIL", store.basis());
        }
        if (plan.rpo().stores().isEmpty()) {
            table.row("(none)", "", "", "0s", "PASS", "no data stores declared");
        }
        out.append(table.render());
        out.append("  worst ").append(format(plan.rpo().worst())).append(", objective ").append(format(plan.objectives().rpo()))
                .append("  ").append(plan.rpoMet() ? "PASS" : "FAIL").append("\n");
    }

    private static void findings(Plan plan, StringBuilder out) {
        out.append("\nFindings\n");
        if (plan.findings().isEmpty()) {
            out.append("  none\n");
        }
        for (Finding finding : plan.findings()) {
            String where = finding.origin() != null ? finding.origin() + " "
                    : finding.line() > 0 ? plan.source() + ":" + finding.line() + " " : "";
            out.append("  ").append(finding.severity()).append(" [").append(finding.code()).append("] ")
                    .append(finding.message()).append("\n");
            out.append("    at:       ").append(where).append(finding.path()).append("\n");
            out.append("    evidence: ").append(finding.evidence()).append("\n");
            out.append("    fix:      ").append(finding.fix()).append("\n");
        }
    }
}
