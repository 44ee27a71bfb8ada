package io.pilotlight.drill;

import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The planner's RTO terms beside what the drill measured for each: the time between the milestones
 * that bound it. A term whose milestones were not seen (or that a planned switchover skips) has no
 * measured value and says why; a term whose end came before its start (the terms overlap on the
 * critical path, e.g. clients succeeding through the old answer before DNS changed) is not charged
 * and says so, instead of printing 0.
 */
public final class RtoBreakdown {
    /** @param measuredMillis -1 when not measured */
    public record Term(String name, long estimatedMillis, long measuredMillis, String measuredAs) {
    }

    /** Each planner term and the two milestones whose distance measures it. */
    private static final Map<String, String[]> BOUNDS = Map.of(
            RtoEstimator.DETECTION, new String[] {"fault", "detected"},
            RtoEstimator.DECISION, new String[] {"detected", "decided"},
            RtoEstimator.PROMOTION, new String[] {"decided", "promoted"},
            RtoEstimator.SCALE_UP, new String[] {"promoted", "compute ready"},
            RtoEstimator.STANDBY_CONFIRMATION, new String[] {"compute ready", "standby healthy"},
            // clients move once the answer they hold expires: by its TTL, or by their own cache when they keep answers longer
            // (the drill's clients do one or the other, so the wait is charged to the one that applies: see of(...))
            RtoEstimator.DNS_TTL, new String[] {"DNS answer changed", "first client success"},
            RtoEstimator.CLIENT_CACHE, new String[] {"DNS answer changed", "first client success"},
            // the clients' tail: the others still moving off the old answer, and success counted over whole seconds
            RtoEstimator.CLIENTS_SUSTAIN, new String[] {"first client success", "sustained"});

    private RtoBreakdown() {
    }

    /** For clients that honour the TTL. */
    public static List<Term> of(RtoEstimate estimate, List<Milestone> milestones) {
        return of(estimate, milestones, false);
    }

    /**
     * @param clientsCache whether the drill's clients kept answers for a cache of their own (--client-dns-cache) rather than
     *                     the TTL: the wait between the new answer and the first success is charged to that term only
     */
    public static List<Term> of(RtoEstimate estimate, List<Milestone> milestones, boolean clientsCache) {
        List<Term> terms = new ArrayList<>();
        for (RtoTerm term : estimate.terms()) {
            String[] bounds = BOUNDS.get(term.name());
            long measured = -1;
            String as = "";
            if (term.name().equals(clientsCache ? RtoEstimator.DNS_TTL : RtoEstimator.CLIENT_CACHE)) {
                terms.add(new Term(term.name(), term.estimate().toMillis(), -1, clientsCache
                        ? "does not apply: the drill's clients kept answers for --client-dns-cache, charged to the client DNS cache"
                        : "does not apply: the drill's clients honour the TTL (measure a cache with --client-dns-cache)"));
                continue;
            }
            if (bounds != null) {
                long from = bounds[0].equals("fault") ? 0 : at(milestones, bounds[0]);
                long to = at(milestones, bounds[1]);
                as = bounds[0] + " → " + bounds[1];
                if (from < 0 || to < 0) {
                    as += ": does not apply (" + (from < 0 ? bounds[0] : bounds[1]) + " was not seen)";
                } else if (to < from) {
                    // the terms overlap: charging the later milestone's wait to this term would count it twice
                    as += String.format(": overlaps (%s came %.1f s before %s), not charged", bounds[1], (from - to) / 1000.0,
                            bounds[0]);
                } else {
                    measured = to - from;
                }
            }
            terms.add(new Term(term.name(), term.estimate().toMillis(), measured, as));
        }
        return terms;
    }

    /** True when the term's milestones came in the other order: the work overlapped the step before, adding nothing. */
    public static boolean overlapped(Term term) {
        return term.measuredMillis() < 0 && term.measuredAs().contains(": overlaps (");
    }

    private static long at(List<Milestone> milestones, String name) {
        return milestones.stream().filter(m -> m.name().equals(name)).mapToLong(Milestone::atMillis).findFirst().orElse(-1);
    }
}
