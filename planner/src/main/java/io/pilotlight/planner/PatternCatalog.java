package io.pilotlight.planner;

import io.pilotlight.topology.ResiliencePattern;
import java.time.Duration;
import java.util.List;

/**
 * The four patterns, cheapest first. The floors turn the article's classes into numbers:
 * "hours" of restore work is at least an hour; continuous backups (archived WAL, point-in-time
 * recovery) bring a backup's RPO down to minutes; "10s of minutes" starts at 10 minutes;
 * asynchronous replication is seconds behind; active-active is near zero.
 */
public final class PatternCatalog {
    public static final List<PatternProfile> ALL = List.of(
            new PatternProfile(ResiliencePattern.BACKUP_RESTORE, "hours", Duration.ofHours(1),
                    "hours (minutes if continuous)", Duration.ofMinutes(5), 1.0, "~1x",
                    "one region serves; backups are copied to a second region and restored there on disaster"),
            new PatternProfile(ResiliencePattern.PILOT_LIGHT, "10s of minutes", Duration.ofMinutes(10),
                    "minutes", Duration.ofMinutes(1), 1.2, "~1.2x",
                    "data replicated continuously; compute in the standby region at zero, scaled up on disaster"),
            new PatternProfile(ResiliencePattern.WARM_STANDBY, "minutes", Duration.ofMinutes(1),
                    "seconds", Duration.ofSeconds(1), 1.5, "~1.5x",
                    "a scaled-down copy runs in the standby region and scales to full on failover"),
            new PatternProfile(ResiliencePattern.ACTIVE_ACTIVE, "near zero", Duration.ZERO,
                    "near zero", Duration.ZERO, 2.0, "~2x+",
                    "every region serves and writes; needs a multi-active data store"));

    private PatternCatalog() {
    }

    public static PatternProfile of(ResiliencePattern pattern) {
        return ALL.stream().filter(p -> p.pattern() == pattern).findFirst().orElseThrow();
    }
}
