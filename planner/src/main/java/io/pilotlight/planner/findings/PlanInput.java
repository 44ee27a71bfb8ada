package io.pilotlight.planner.findings;

import io.pilotlight.planner.PatternAdvice;
import io.pilotlight.planner.RpoEstimate;
import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.TopologyPattern;
import io.pilotlight.planner.calibration.RtoExpectation;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.topology.Objectives;
import io.pilotlight.topology.Topology;

/**
 * Everything a finding rule may look at: the design, the objectives, the planner's estimates, and the
 * drills that ran (with the instant "now", so rules stay pure).
 *
 * @param source the topology file, for commands a finding suggests
 */
public record PlanInput(Topology topology, String source, Objectives objectives, TopologyPattern pattern, PatternAdvice advice,
                        RtoEstimate rto, RpoEstimate rpo, DrillEvidence drills, RtoExpectation expectation) {

    /** Without an expected RTO (callers and tests that only lint the design). */
    public PlanInput(Topology topology, String source, Objectives objectives, TopologyPattern pattern, PatternAdvice advice,
                     RtoEstimate rto, RpoEstimate rpo, DrillEvidence drills) {
        this(topology, source, objectives, pattern, advice, rto, rpo, drills, null);
    }
}
