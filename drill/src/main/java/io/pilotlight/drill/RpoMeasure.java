package io.pilotlight.drill;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measured RPO, as PRODUCT.md defines it: the acknowledged writes that are missing after recovery
 * (every one is read back), their count, and the data-loss window: the fault instant minus the
 * acknowledgement time of the oldest lost write, 0 when none is lost.
 */
public record RpoMeasure(List<AckedWrite> lost, long dataLossWindowMillis) {

    /** @param readBack the value read back for each key after recovery (absent or null when missing) */
    public static RpoMeasure of(long faultMillis, List<AckedWrite> acked, Map<String, String> readBack) {
        List<AckedWrite> lost = acked.stream().filter(w -> !Objects.equals(readBack.get(w.key()), w.value())).toList();
        long oldest = lost.stream().mapToLong(AckedWrite::ackMillis).min().orElse(faultMillis);
        return new RpoMeasure(lost, Math.max(0, faultMillis - oldest));
    }
}
