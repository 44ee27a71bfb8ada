package io.pilotlight.planner.drills;

import io.pilotlight.topology.Drill;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one scheduled drill stands against the runs in the history: its runs (a run counts when it names
 * the drill, or, run by hand without a name, has the drill's scenario and target), its last pass and
 * last run, and whether a pass happened within {@code every} before now.
 *
 * @param lastPass the newest run with verdict met, if any
 * @param lastRun  the newest run of any verdict, if any
 */
public record DrillCoverage(Drill drill, Optional<DrillRun> lastPass, Optional<DrillRun> lastRun, Instant now) {

    public static DrillCoverage of(Topology topology, Drill drill, List<DrillRun> runs, Instant now) {
        List<DrillRun> mine = runs.stream().filter(run -> counts(topology, drill, run))
                .sorted(Comparator.comparing(DrillRun::at)).toList();
        Optional<DrillRun> lastPass = mine.stream().filter(DrillRun::passed).reduce((older, newer) -> newer);
        Optional<DrillRun> lastRun = mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
        return new DrillCoverage(drill, lastPass, lastRun, now);
    }

    /** A run counts for a drill of this topology when it names the drill, or has no name and the drill's scenario and target. */
    static boolean counts(Topology topology, Drill drill, DrillRun run) {
        if (!run.topology().equals(topology.name())) {
            return false;
        }
        if (run.drill() != null) {
            return run.drill().equals(drill.name());
        }
        return run.scenario() == drill.scenario() && Objects.equals(run.target(), effectiveTarget(topology, drill));
    }

    /** The region a drill breaks: its target, or the primary when it names none (as {@code drill run} does). */
    public static String effectiveTarget(Topology topology, Drill drill) {
        if (drill.target() != null) {
            return drill.target();
        }
        return topology.regions().entrySet().stream().filter(e -> e.getValue().role() == RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** True when the drill passed within its {@code every} before now. */
    public boolean tested() {
        return lastPass.isPresent() && !lastPass.get().at().isBefore(now.minus(drill.every()));
    }

    /** "never", or "2026-10-01T12:00:00Z (58d ago)". */
    public String lastPassText() {
        return lastPass.map(run -> run.at() + " (" + Ages.of(Duration.between(run.at(), now)) + " ago)").orElse("never");
    }
}
