package io.pilotlight.drill;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measured RPO: the acknowledged writes that are missing after recovery (every one is read back),
 * their count, and the data-loss window. The window covers every lost acknowledged write: from the
 * acknowledgement of the oldest one to the fault, or to the acknowledgement of the newest one when
 * the old writer kept acknowledging after the fault until it was fenced; 0 when none is lost.
 */
public record RpoMeasure(List<AckedWrite> lost, long dataLossWindowMillis) {

    /** @param readBack the value read back for each key after recovery (absent or null when missing) */
    public static RpoMeasure of(long faultMillis, List<AckedWrite> acked, Map<String, String> readBack) {
        List<AckedWrite> lost = acked.stream().filter(w -> !Objects.equals(readBack.get(w.key()), w.value())).toList();
        if (lost.isEmpty()) {
            return new RpoMeasure(lost, 0);
        }
        long oldest = lost.stream().mapToLong(AckedWrite::ackMillis).min().orElseThrow();
        long newest = lost.stream().mapToLong(AckedWrite::ackMillis).max().orElseThrow();
        return new RpoMeasure(lost, Math.max(faultMillis, newest) - oldest);
    }
}
