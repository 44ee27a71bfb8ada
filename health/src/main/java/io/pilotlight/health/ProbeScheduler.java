package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs every enabled endpoint check from every checker at fixed rate, each pair staggered within
 * its first interval. The timer threads only decide and hand off; probes run on virtual threads.
 * The same timer enforces probe deadlines.
 */
final class ProbeScheduler implements AutoCloseable {
    private final MonitorConfig config;
    private final HealthBoard board;
    private final Ticker ticker;
    private final ScheduledThreadPoolExecutor timer;
    private final List<ScheduledProbe> probes = new ArrayList<>();

    ProbeScheduler(MonitorConfig config, HealthBoard board, Ticker ticker) {
        this.config = config;
        this.board = board;
        this.ticker = ticker;
        this.timer = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().name("health-timer-", 0).daemon().factory());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    void start() {
        ProbeContext context = new ProbeContext(config.clock(), ticker, timer, config.trusted());
        long start = ticker.nanos();
        config.checks().forEach((name, check) -> {
            if (check.type() != HealthCheckType.CALCULATED && !check.disabled()) {
                config.vantagePoints().forEach(vantage -> schedule(name, check, vantage, context, start));
            }
        });
    }

    private void schedule(String name, HealthCheck check, VantagePoint vantage, ProbeContext context, long start) {
        long interval = check.requestInterval().toNanos();
        long offset = Stagger.offsetNanos(config.seed(), name, vantage.name(), interval);
        ProbeSchedule plan = new ProbeSchedule(start + offset, interval);
        ScheduledProbe probe = new ScheduledProbe(name, vantage.name(), Probes.forCheck(check, vantage, context), plan, board,
                config.probeListener(), ticker);
        probes.add(probe);
        long delay = Math.max(0, start + offset - ticker.nanos());
        timer.scheduleAtFixedRate(probe, delay, interval, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        probes.forEach(ScheduledProbe::stop);
        timer.shutdownNow();
    }
}
