package io.pilotlight.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Per-CPU busy and total time from /proc/stat, in clock ticks: the CPUs' own view, whatever ran on them. */
final class CpuTimes {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private CpuTimes() {
    }

    /**
     * Busy and total ticks of CPU i at {@code [i][0]} and {@code [i][1]}, for CPUs 0 to {@code cpus - 1};
     * null where /proc/stat cannot be read (not Linux, or a sandbox hiding it).
     */
    static long[][] read(int cpus) {
        try {
            return parse(Files.readAllLines(PROC_STAT), cpus);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "cpuN user nice system idle iowait irq softirq steal ...": busy is all but idle and iowait. */
    static long[][] parse(List<String> lines, int cpus) {
        long[][] times = new long[cpus][2];
        int found = 0;
        for (String line : lines) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            int cpu = Integer.parseInt(fields[0].substring(3));
            if (cpu >= cpus) {
                continue;
            }
            long total = 0;
            long idle = 0;
            for (int f = 1; f < fields.length && f <= 8; f++) {
                long ticks = Long.parseLong(fields[f]);
                total += ticks;
                if (f == 4 || f == 5) {
                    idle += ticks;
                }
            }
            times[cpu][0] = total - idle;
            times[cpu][1] = total;
            found++;
        }
        return found == cpus ? times : null;
    }

    /** The share of the time each CPU was busy between two readings; null if either is missing. */
    static double[] busyBetween(long[][] before, long[][] after) {
        if (before == null || after == null) {
            return null;
        }
        double[] busy = new double[after.length];
        for (int cpu = 0; cpu < busy.length; cpu++) {
            long total = after[cpu][1] - before[cpu][1];
            busy[cpu] = total <= 0 ? 1.0 : (double) (after[cpu][0] - before[cpu][0]) / total;
        }
        return busy;
    }
}
