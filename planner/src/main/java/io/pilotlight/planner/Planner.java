package io.pilotlight.planner;

import io.pilotlight.planner.calibration.Calibration;
import io.pilotlight.planner.calibration.RtoExpectation;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.planner.findings.Finding;
import io.pilotlight.planner.findings.FindingRules;
import io.pilotlight.planner.findings.PlanInput;
import io.pilotlight.topology.Objectives;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.SourceMap;
import java.util.List;

/** Turns objectives, and optionally a topology, into a {@link Plan}. Pure: same input, same plan. */
public final class Planner {
    private Planner() {
    }

    public static Plan forObjectives(Objectives objectives) {
        return new Plan(null, null, objectives, PatternAdvisor.advise(objectives), null, null, null, List.of());
    }

    /**
     * @param overrides objectives given on the command line, replacing the file's; {@code null} to use the file's
     */
    public static Plan forTopology(LoadedTopology loaded, Objectives overrides) {
        return forTopology(loaded, overrides, DrillEvidence.notConsulted());
    }

    /**
     * @param overrides objectives given on the command line, replacing the file's; {@code null} to use the file's
     * @param drills    the drills that ran and the instant now: each scheduled drill must have passed within its {@code every}
     */
    public static Plan forTopology(LoadedTopology loaded, Objectives overrides, DrillEvidence drills) {
        Topology topology = loaded.topology();
        Objectives objectives = overrides != null ? overrides : topology.objectives();
        PatternAdvice advice = PatternAdvisor.advise(objectives);
        TopologyPattern pattern = TopologyPattern.of(topology);
        RtoEstimate rto = RtoEstimator.estimate(topology);
        RpoEstimate rpo = RpoEstimator.estimate(topology);
        RtoExpectation expectation = Calibration.of(topology, rto, drills.runs(), drills.scenario());
        List<Finding> findings = FindingRules.apply(new PlanInput(topology, loaded.sources().file(), objectives, pattern, advice, rto, rpo, drills,
                        expectation)).stream()
                .map(f -> withLine(f, loaded.sources()))
                .toList();
        return new Plan(topology.name(), loaded.sources().file(), objectives, advice, pattern, rto, rpo, findings, expectation);
    }

    private static Finding withLine(Finding finding, SourceMap sources) {
        return finding.withLine(sources.positionOf(finding.path()).line());
    }
}
