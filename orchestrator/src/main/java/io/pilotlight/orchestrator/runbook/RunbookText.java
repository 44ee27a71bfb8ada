package io.pilotlight.orchestrator.runbook;

import io.pilotlight.topology.Durations;
import io.pilotlight.topology.spec.WireNames;

/** A runbook as an operator reads it, with each step's expected duration. */
public final class RunbookText {
    private RunbookText() {
    }

    public static String render(Runbook runbook) {
        StringBuilder out = new StringBuilder();
        out.append(runbook.purpose().substring(0, 1).toUpperCase()).append(runbook.purpose().substring(1)).append(" runbook (")
                .append(WireNames.of(runbook.pattern())).append("): ").append(runbook.from()).append(" -> ").append(runbook.to())
                .append("\n\n");
        int width = runbook.steps().stream().mapToInt(s -> s.description().length()).max().orElse(10);
        for (Step step : runbook.steps()) {
            out.append(String.format("  %2d. %-" + width + "s  ~%s%n", step.number(), step.description(), Durations.format(step.expected())));
        }
        out.append(String.format("%n  expected total: %s%n", Durations.format(runbook.expectedTotal())));
        return out.toString();
    }
}
