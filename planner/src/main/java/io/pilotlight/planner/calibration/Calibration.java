package io.pilotlight.planner.calibration;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.WireNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns the drill history into expected values per term. Pure: the caller gives the runs.
 *
 * <p>Which runs: the same topology and scenario, verdict met or missed (an errored or interrupted run measured nothing),
 * with a measured RTO; the newest {@link #MAX_RUNS}. Each term's expected value is the median of what those
 * drills measured for it (the distance between the milestones that bound it). The expected RTO is the median
 * of the drills' measured RTOs: wall time from the fault to sustained success, along the critical path, so
 * work that overlapped (DNS following the health checks while compute still starts, say) counts once; what the
 * terms' medians do not add up to is shown as its own line. Without drills the declared terms are summed on
 * the critical path: the client's DNS cache and the DNS TTL run from the same instant (the answer changed),
 * so only the longer of the two counts.
 */
public final class Calibration {
    public static final int MAX_RUNS = 10;

    private Calibration() {
    }

    public static RtoExpectation of(Topology topology, RtoEstimate estimate, List<DrillRun> history, DrillScenario scenario) {
        List<DrillRun> runs = history.stream()
                .filter(r -> r.topology().equals(topology.name()) && r.scenario() == scenario
                        && (r.verdict() == DrillVerdict.MET || r.verdict() == DrillVerdict.MISSED) && r.rtoSeconds() != null)
                .sorted(Comparator.comparing(DrillRun::at).reversed()).limit(MAX_RUNS).toList();
        return runs.isEmpty() ? declared(estimate, scenario) : measured(estimate, runs, scenario);
    }

    private static RtoExpectation measured(RtoEstimate estimate, List<DrillRun> runs, DrillScenario scenario) {
        List<ExpectedTerm> terms = new ArrayList<>();
        Duration termsTotal = Duration.ZERO;
        for (RtoTerm term : estimate.terms()) {
            List<Double> seconds = runs.stream().map(r -> r.termSeconds().get(term.name())).filter(Objects::nonNull).toList();
            if (seconds.isEmpty()) {
                terms.add(new ExpectedTerm(term.name(), term.estimate(), null, null,
                        "not seen in these drills; their measured RTO covers the path"));
                continue;
            }
            TermSample sample = TermSample.of(seconds);
            termsTotal = termsTotal.plus(sample.median());
            terms.add(new ExpectedTerm(term.name(), term.estimate(), sample, sample.median(),
                    "measured median of " + seconds.size() + " drill" + (seconds.size() == 1 ? "" : "s")));
        }
        Duration expected = TermSample.of(runs.stream().map(DrillRun::rtoSeconds).toList()).median();
        return new RtoExpectation(WireNames.of(scenario), runs.size(), List.copyOf(terms), expected.minus(termsTotal), expected);
    }

    private static RtoExpectation declared(RtoEstimate estimate, DrillScenario scenario) {
        List<ExpectedTerm> terms = new ArrayList<>();
        Duration ttl = estimate.terms().stream().filter(t -> t.name().equals(RtoEstimator.DNS_TTL)).map(RtoTerm::estimate)
                .findFirst().orElse(Duration.ZERO);
        for (RtoTerm term : estimate.terms()) {
            if (term.name().equals(RtoEstimator.CLIENT_CACHE)) {
                Duration beyond = term.estimate().minus(ttl).isNegative() ? Duration.ZERO : term.estimate().minus(ttl);
                terms.add(new ExpectedTerm(term.name(), term.estimate(), null, beyond,
                        "declared; overlaps the DNS TTL (both start when the answer changes): only " + format(beyond) + " beyond it counts"));
            } else {
                terms.add(new ExpectedTerm(term.name(), term.estimate(), null, term.estimate(), "declared worst case (no drill yet)"));
            }
        }
        Duration expected = terms.stream().map(ExpectedTerm::expected).reduce(Duration.ZERO, Duration::plus);
        return new RtoExpectation(WireNames.of(scenario), 0, List.copyOf(terms), Duration.ZERO, expected);
    }
}
