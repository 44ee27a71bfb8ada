package io.pilotlight.drill;

import java.util.concurrent.TimeUnit;

/**
 * A planned switchover: the failover runbook runs while the old primary is healthy, so the store
 * hands over by switchover (RPO 0 by construction), compute scales up, DNS flips. The runbook is a
 * separate process ({@code pilotlight failover}) sharing the lab controller's state.
 */
public final class PlannedSwitchover implements Fault {
    private final ProcessBuilder runbook;
    private final String from;
    private final String to;
    private Process running;

    public PlannedSwitchover(ProcessBuilder runbook, String from, String to) {
        this.runbook = runbook;
        this.from = from;
        this.to = to;
    }

    @Override
    public String scenario() {
        return "switchover";
    }

    @Override
    public String describe() {
        return "planned switchover from " + from + " to " + to + " (the failover runbook while " + from + " is healthy)";
    }

    @Override
    public boolean planned() {
        return true;
    }

    @Override
    public void inject() throws Exception {
        running = runbook.start();
    }

    /** The runbook has exited: the switchover, with its write gap, is behind the clients. */
    @Override
    public boolean settled() {
        return running != null && !running.isAlive();
    }

    /**
     * The switchover is what this drill measures: one that did not finish or failed ends the drill with that error, never
     * with a verdict measured on a deployment that did not switch over.
     */
    @Override
    public String heal() throws Exception {
        if (!running.waitFor(5, TimeUnit.MINUTES)) {
            running.destroyForcibly();
            throw new IllegalStateException("the switchover runbook did not finish within 5 minutes" + output());
        }
        if (running.exitValue() != 0) {
            throw new IllegalStateException("the switchover runbook failed (exit " + running.exitValue() + ")" + output());
        }
        return "the switchover runbook completed";
    }

    private String output() {
        java.io.File log = runbook.redirectOutput().file();
        return log == null ? "" : "; its output: " + log;
    }
}
