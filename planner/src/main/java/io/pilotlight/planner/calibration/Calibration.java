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
 * <p>Which runs: the same topology and scenario, verdict met or missed (an errored run measured nothing),
 * with a measured RTO; the newest {@link #MAX_RUNS}. A drill measures each term as the distance between the
 * two milestones that bound it, clipped at zero, so measured terms are consecutive pieces of the path from the
 * fault to the first client success and overlapping work counts once. Without measurements the declared terms
 * are the estimate, but on the critical path: the client's DNS cache and the DNS TTL run from the same instant
 * (the answer changed), so only the longer of the two counts.
 */
public final class Calibration {
    public static final int MAX_RUNS = 10;

    private Calibration() {
    }

    public static RtoExpectation of(Topology topology, RtoEstimate estimate, List<DrillRun> history, DrillScenario scenario) {
        List<DrillRun> runs = history.stream()
                .filter(r -> r.topology().equals(topology.name()) && r.scenario() == scenario && r.verdict() != DrillVerdict.ERROR
                        && r.rtoSeconds() != null)
                .sorted(Comparator.comparing(DrillRun::at).reversed()).limit(MAX_RUNS).toList();
        List<ExpectedTerm> terms = new ArrayList<>();
        Duration ttl = declared(estimate, RtoEstimator.DNS_TTL);
        for (RtoTerm term : estimate.terms()) {
            List<Double> seconds = runs.stream().map(r -> r.termSeconds().get(term.name())).filter(Objects::nonNull).toList();
            if (!seconds.isEmpty()) {
                TermSample sample = TermSample.of(seconds);
                terms.add(new ExpectedTerm(term.name(), term.estimate(), sample, sample.median(),
                        "measured median of " + seconds.size() + " drill" + (seconds.size() == 1 ? "" : "s")));
            } else if (term.name().equals(RtoEstimator.CLIENT_CACHE)) {
                Duration beyond = term.estimate().minus(ttl).isNegative() ? Duration.ZERO : term.estimate().minus(ttl);
                terms.add(new ExpectedTerm(term.name(), term.estimate(), null, beyond,
                        "declared; overlaps the DNS TTL (both start when the answer changes): only " + format(beyond) + " beyond it counts"));
            } else {
                terms.add(new ExpectedTerm(term.name(), term.estimate(), null, term.estimate(),
                        runs.isEmpty() ? "declared worst case (no drill yet)" : "declared worst case (no drill measured it)"));
            }
        }
        List<Double> tails = new ArrayList<>();
        for (DrillRun run : runs) {
            if (run.termSeconds().keySet().containsAll(estimate.terms().stream().map(RtoTerm::name).toList())) {
                double modelled = run.termSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
                tails.add(Math.max(0, run.rtoSeconds() - modelled));
            }
        }
        Duration tail = tails.isEmpty() ? Duration.ZERO : TermSample.of(tails).median();
        Duration expected = terms.stream().map(ExpectedTerm::expected).reduce(Duration.ZERO, Duration::plus).plus(tail);
        return new RtoExpectation(WireNames.of(scenario), runs.size(), List.copyOf(terms), tail, expected);
    }

    private static Duration declared(RtoEstimate estimate, String name) {
        return estimate.terms().stream().filter(t -> t.name().equals(name)).map(RtoTerm::estimate).findFirst().orElse(Duration.ZERO);
    }
}
