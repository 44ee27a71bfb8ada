package io.pilotlight.planner.report;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.PatternFit;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.StoreRpo;
import io.pilotlight.planner.findings.Finding;
import io.pilotlight.topology.spec.WireNames;

/** The plan as Markdown, for a pull request comment or a design document. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("# Plan").append(plan.hasTopology() ? " for " + plan.name() : "").append("\n\n");
        out.append("Objectives: **RTO ").append(format(plan.objectives().rto())).append("**, **RPO ")
                .append(format(plan.objectives().rpo())).append("**, driver `").append(WireNames.of(plan.objectives().driver()))
                .append("`\n\n");
        out.append("**Recommended: ").append(plan.advice().recommended()).append("**: ")
                .append(plan.advice().driverAdvice().multiRegionNeeded() ? plan.advice().reason() : plan.advice().driverAdvice().reason())
                .append("\n\n| Pattern | RTO class | RPO class | Cost | Fits | Why |\n|---|---|---|---|---|---|\n");
        for (PatternFit fit : plan.advice().patterns()) {
            out.append("| ").append(fit.profile().name()).append(" | ").append(fit.profile().rtoClassWithFloor()).append(" | ")
                    .append(fit.profile().rpoClassWithFloor()).append(" | ").append(fit.profile().costLabel()).append(" | ")
                    .append(fit.fits() ? "yes" : "no").append(" | ").append(fit.reason()).append(" |\n");
        }
        if (plan.hasTopology()) {
            out.append("\n## Estimated RTO\n\n| Term | Estimate | Basis |\n|---|---|---|\n");
            for (RtoTerm term : plan.rto().terms()) {
                out.append("| ").append(term.name()).append(" | ").append(format(term.estimate())).append(" | ")
                        .append(term.basis()).append(" |\n");
            }
            out.append("| **total** | **").append(format(plan.rto().total())).append("** | objective ")
                    .append(format(plan.objectives().rto())).append(": **").append(plan.rtoMet() ? "PASS" : "FAIL").append("** |\n");
            out.append("\n## RPO bounds\n\n| Store | Kind | Bound | Result | Basis |\n|---|---|---|---|---|\n");
            for (StoreRpo store : plan.rpo().stores()) {
                out.append("| ").append(store.name()).append(" | ").append(WireNames.of(store.store().kind())).append(" | ")
                        .append(format(store.bound())).append(" | ")
                        .append(store.bound().compareTo(plan.objectives().rpo()) <= 0 ? "PASS" : "FAIL").append(" | ")
                        .append(store.basis()).append(" |\n");
            }
            out.append("\n## Findings\n\n");
            if (plan.findings().isEmpty()) {
                out.append("None.\n");
            }
            for (Finding f : plan.findings()) {
                out.append("- **").append(f.severity()).append("** `").append(f.code()).append("` ").append(f.message())
                        .append(" (`").append(f.path()).append("`").append(f.origin() != null ? ", from " + f.origin() : f.line() > 0 ? ", line " + f.line() : "")
                        .append(")\n  - evidence: ").append(f.evidence()).append("\n  - fix: ").append(f.fix()).append("\n");
            }
        }
        out.append("\n**Verdict: ").append(plan.objectivesMet() ? "objectives met" : "objectives not met").append("**\n");
        return out.toString();
    }
}
