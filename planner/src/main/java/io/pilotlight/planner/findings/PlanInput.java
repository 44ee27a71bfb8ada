package io.pilotlight.planner.findings;

import io.pilotlight.planner.PatternAdvice;
import io.pilotlight.planner.RpoEstimate;
import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.TopologyPattern;
import io.pilotlight.topology.Objectives;
import io.pilotlight.topology.Topology;

/** Everything a finding rule may look at: the design, the objectives and the planner's estimates. */
public record PlanInput(Topology topology, Objectives objectives, TopologyPattern pattern, PatternAdvice advice,
                        RtoEstimate rto, RpoEstimate rpo) {
}
