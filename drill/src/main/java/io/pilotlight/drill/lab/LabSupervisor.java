package io.pilotlight.drill.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LabPlan}: starts the links through the fault proxy and every process in order,
 * each with its own log and ready file, waits for each to say it is ready (the controller only once
 * it sees a healthy primary), and records the lab in its {@link LabFile}. Closing it stops the
 * processes in reverse order and the links. One supervisor per state directory ({@link LabLock}
 * is the caller's).
 */
public final class LabSupervisor implements AutoCloseable {

    /** Starts a pilotlight command as a child that stops when this process stops. */
    @FunctionalInterface
    public interface Launcher {
        ProcessBuilder pilotlight(List<String> args);
    }

    private static final long READY_SECONDS = 30;
    private static final long CONTROLLER_READY_MINUTES = 5;

    private final LabPlan plan;
    private final Path logs;
    private final Path ready;
    private final List<Process> children = new ArrayList<>();
    private final Map<String, ProcessIdentity> identities = new LinkedHashMap<>();
    private LabLinks links;
    private Path labCertificate;

    private final LabTokens tokens;

    private LabSupervisor(LabPlan plan, LabTokens tokens) {
        this.plan = plan;
        this.tokens = tokens;
        this.logs = plan.addresses().stateDir().resolve("logs");
        this.ready = plan.addresses().stateDir().resolve("ready");
    }

    /** Starts the whole lab and returns once the controller watches a healthy primary; on any failure stops what it started. */
    public static LabSupervisor start(LabPlan plan, Launcher launcher) throws Exception {
        return start(plan, launcher, LabTokens.none());
    }

    /** With tokens: every child, and the links' control APIs, checks them (see {@link LabTokens}). */
    public static LabSupervisor start(LabPlan plan, Launcher launcher, LabTokens tokens) throws Exception {
        LabSupervisor lab = new LabSupervisor(plan, tokens);
        try {
            lab.startAll(launcher);
        } catch (Exception | Error failed) {
            lab.close();
            throw failed;
        }
        return lab;
    }

    private void startAll(Launcher launcher) throws Exception {
        Files.createDirectories(logs);
        Files.createDirectories(ready);
        labCertificate = plan.needsCertificate() ? plan.certificateFile() : null;
        if (labCertificate != null) {
            io.pilotlight.http.tls.LabCertificate.ensure(labCertificate, plan.certificateAddresses(), plan.certificateNames());
        }
        links = LabLinks.start(plan.linkedRegions(), plan.storeNodes(), plan.coordinator(), plan.roundTrip(), tokens.serverAuth());
        for (LabPlan.LabProcess process : plan.processes(links::url)) {
            start(launcher, process);
        }
        LabFile.write(plan.addresses().stateDir(), ProcessIdentity.of(ProcessHandle.current()), identities, plan.addresses().dns(),
                plan.addresses().dnsAdmin(), plan.coordinatorUrl(), plan.addresses().storePort(), plan.roundTrip().toMillis(),
                links.links());
    }

    private void start(Launcher launcher, LabPlan.LabProcess planned) throws Exception {
        String name = planned.name();
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(ready.resolve(name));
        ProcessBuilder builder = launcher.pilotlight(planned.args()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(Ready.FILE_ENV, ready.resolve(name).toString());
        tokens.applyTo(name, builder.environment());
        if (labCertificate != null) { // HTTPS services serve it (the controller passes it on), and every health check trusts it
            builder.environment().put(LabPlan.LAB_CERTIFICATE_ENV, labCertificate.toString());
            builder.environment().put("PILOTLIGHT_HEALTH_TRUST", io.pilotlight.http.tls.LabCertificate.pem(labCertificate).toString());
        }
        Process process = builder.start();
        children.add(process);
        identities.put(name, ProcessIdentity.of(process.toHandle()));
        // the controller is ready only with a healthy primary, which may take the instances' ready time
        awaitReady(name, process, name.equals("controller") ? TimeUnit.MINUTES.toNanos(CONTROLLER_READY_MINUTES)
                : TimeUnit.SECONDS.toNanos(READY_SECONDS));
    }

    /**
     * Waits for a child's own ready file (written by that very process: a file or log line left by
     * an earlier run does not count), failing at once if the child dies.
     */
    private void awaitReady(String name, Process process, long timeoutNanos) throws Exception {
        Path file = ready.resolve(name);
        Path log = logs.resolve(name + ".log");
        long deadline = System.nanoTime() + timeoutNanos;
        while (Ready.readBy(file, process.pid()).isEmpty()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; its log "
                        + log + " ends:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
                        + "s; its log " + log + " ends:\n" + tail(log));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    public LabPlan plan() {
        return plan;
    }

    public Path logs() {
        return logs;
    }

    public List<LabLinks.Link> links() {
        return links == null ? List.of() : links.links();
    }

    /** Stops every process, newest first, then the links. */
    @Override
    public void close() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).destroy();
        }
        for (Process child : children) {
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (links != null) {
            links.close();
        }
    }
}
