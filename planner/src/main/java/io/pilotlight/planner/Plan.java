package io.pilotlight.planner;

import io.pilotlight.planner.findings.Finding;
import io.pilotlight.planner.findings.Severity;
import io.pilotlight.planner.calibration.RtoExpectation;
import io.pilotlight.topology.Objectives;
import java.util.List;

/**
 * The planner's full answer. Without a topology only the pattern advice is set; with one, the
 * RTO and RPO estimates and the findings too.
 *
 * @param source      the topology file, or {@code null} when planning from objectives alone
 * @param expectation the expected RTO from the drill history, or {@code null} when planning from objectives alone
 */
public record Plan(String name, String source, Objectives objectives, PatternAdvice advice, TopologyPattern pattern,
                   RtoEstimate rto, RpoEstimate rpo, List<Finding> findings, RtoExpectation expectation) {

    public Plan(String name, String source, Objectives objectives, PatternAdvice advice, TopologyPattern pattern,
                RtoEstimate rto, RpoEstimate rpo, List<Finding> findings) {
        this(name, source, objectives, advice, pattern, rto, rpo, findings, null);
    }

    /** The same plan with each finding's origin set (e.g. the Terraform line its field was imported from). */
    public Plan withFindingOrigins(java.util.function.Function<Finding, String> origins) {
        return new Plan(name, source, objectives, advice, pattern, rto, rpo,
                findings.stream().map(f -> f.withOrigin(origins.apply(f))).toList(), expectation);
    }

    public boolean hasTopology() {
        return rto != null;
    }

    public boolean rtoMet() {
        return rto == null || rto.total().compareTo(objectives.rto()) <= 0;
    }

    public boolean rpoMet() {
        return rpo == null || rpo.worst().compareTo(objectives.rpo()) <= 0;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** True when the estimates meet both objectives and no finding is an error. */
    public boolean objectivesMet() {
        return rtoMet() && rpoMet() && !hasErrors();
    }

    /** 0 when the objectives are met, 1 when not: usable as a CI gate. */
    public int exitCode() {
        return objectivesMet() ? 0 : 1;
    }
}
