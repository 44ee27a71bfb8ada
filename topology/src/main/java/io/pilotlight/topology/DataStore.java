package io.pilotlight.topology;

import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;
import java.util.List;

public record DataStore(
        @Doc("global-database (one writer), global-table (multi-active, last-writer-wins), object-replication, or backup.") DataStoreKind kind,
        @Doc("embedded (Pilotlight's own store), postgres, or another engine name.") @Default("embedded") String engine,
        @Doc("Regions holding a copy; every region but witnesses when left out.") List<String> regions,
        @Doc("The writer region of a global-database.") @Omittable String writer,
        @Doc("How copies are kept in step (not for backup).") @Omittable Replication replication,
        @Doc("Time between two backups (backup only).") @Omittable Duration interval,
        @Doc("Time to promote a replica to writer; the engine's typical figure when left out.") @Omittable Duration promotionTime,
        @Doc("Time to restore the latest backup (backup only).") @Omittable Duration restoreTime,
        @Doc("Writer lease of the embedded engine; a new writer is promoted only after it lapses.") @Default("2s") Duration lease,
        @Doc("What the application writes; counters and read-modify-write are unsafe under last-writer-wins.")
        @Default("overwrites") WritePattern writes) {

    public DataStore {
        regions = regions == null ? List.of() : regions;
    }
}
