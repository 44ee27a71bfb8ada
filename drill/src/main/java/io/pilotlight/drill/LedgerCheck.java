package io.pilotlight.drill;

import java.util.List;
import java.util.Set;

/**
 * After a failover, the old writer rejoins and names the writes it rolled back (its lost-writes
 * ledger). The drill's own lost writes (acknowledged, then missing) must all be in that ledger:
 * the store said exactly which writes it lost.
 *
 * @param ledgerEntries   how many writes the old writer's ledger names (unacknowledged ones included)
 * @param notInLedger     lost writes the ledger does not name (must be empty)
 */
public record LedgerCheck(String region, int ledgerEntries, int lostWrites, List<String> notInLedger) {

    /** @param ledgerKeys the keys the old writer's ledger names, as the service stores them (item/KEY) */
    public static LedgerCheck of(String region, List<AckedWrite> lost, Set<String> ledgerKeys, int ledgerEntries) {
        List<String> missing = lost.stream().map(AckedWrite::key).filter(key -> !ledgerKeys.contains("item/" + key)).toList();
        return new LedgerCheck(region, ledgerEntries, lost.size(), missing);
    }

    public boolean matches() {
        return notInLedger.isEmpty();
    }
}
