package io.pilotlight.planner;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Objectives;
import java.util.ArrayList;
import java.util.List;

/** Picks the cheapest pattern that meets an RTO and an RPO, and gives each driver its own answer. */
public final class PatternAdvisor {
    private PatternAdvisor() {
    }

    public static PatternAdvice advise(Objectives objectives) {
        List<PatternFit> fits = new ArrayList<>();
        PatternProfile cheapest = null;
        for (PatternProfile profile : PatternCatalog.ALL) {
            boolean fits1 = profile.meets(objectives.rto(), objectives.rpo());
            fits.add(new PatternFit(profile, fits1, fitReason(profile, objectives)));
            if (fits1 && cheapest == null) {
                cheapest = profile;
            }
        }
        String reason = "the cheapest pattern (" + cheapest.costLabel() + ") that meets RTO " + format(objectives.rto())
                + " and RPO " + format(objectives.rpo());
        PatternProfile next = nextPricier(cheapest);
        if (next != null) {
            reason += "; " + next.name() + " would cost " + next.costLabel() + " for recovery you do not need";
        }
        return new PatternAdvice(List.copyOf(fits), cheapest, reason, forDriver(objectives.driver()));
    }

    private static PatternProfile nextPricier(PatternProfile profile) {
        int index = PatternCatalog.ALL.indexOf(profile);
        return index + 1 < PatternCatalog.ALL.size() ? PatternCatalog.ALL.get(index + 1) : null;
    }

    private static String fitReason(PatternProfile profile, Objectives objectives) {
        boolean rtoOk = objectives.rto().compareTo(profile.rtoFloor()) >= 0;
        boolean rpoOk = objectives.rpo().compareTo(profile.rpoFloor()) >= 0;
        if (rtoOk && rpoOk) {
            return "meets both: recovers in " + profile.rtoClass() + " (>= " + format(profile.rtoFloor()) + ") within RTO "
                    + format(objectives.rto()) + ", loses " + profile.rpoClass() + " within RPO " + format(objectives.rpo());
        }
        List<String> misses = new ArrayList<>();
        if (!rtoOk) {
            misses.add("recovery takes " + profile.rtoClass() + " (>= " + format(profile.rtoFloor()) + "), RTO is "
                    + format(objectives.rto()));
        }
        if (!rpoOk) {
            misses.add("loses " + profile.rpoClass() + " of data (>= " + format(profile.rpoFloor()) + "), RPO is "
                    + format(objectives.rpo()));
        }
        return "too slow: " + String.join("; ", misses);
    }

    static DriverAdvice forDriver(Driver driver) {
        return switch (driver == null ? Driver.REGIONAL_OUTAGE : driver) {
            case REGIONAL_OUTAGE -> new DriverAdvice("multi-region", true,
                    "surviving the loss of a whole region needs a second region; the objectives pick the pattern");
            case AZ_OUTAGE -> new DriverAdvice("multi-az", false,
                    "an availability-zone failure is survived inside one region: run instances and a multi-AZ database"
                            + " across at least two zones behind one load balancer (~1.1x); a second region is not needed");
            case DATA_RESIDENCY -> new DriverAdvice("region-pinned-data", false,
                    "a residency law is met by pinning each user's data to a region inside the jurisdiction, not by"
                            + " replicating it elsewhere; any standby region must lie in the same jurisdiction");
            case LATENCY -> new DriverAdvice("read-replicas-or-edge-cache", false,
                    "latency for distant users is cut by read replicas or edge caching near them while writes stay in"
                            + " one region; active-active buys the same read latency at 2x and adds write conflicts");
        };
    }
}
