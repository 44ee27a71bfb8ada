package io.pilotlight.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A gray failure on demand: a drill writes {@code {"error_ratio": 0.5, "seed": 7}} into the
 * instance's fault file and that share of its requests (health checks included) answer 500, as a
 * half-broken dependency would. The file is looked at no more than every 200 ms; no file, no fault.
 */
final class InjectedErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RECHECK_NANOS = 200_000_000L;

    private final Path file;
    private long checkedAtNanos = System.nanoTime() - RECHECK_NANOS;
    private long modified = -1;
    private double ratio;
    private SplittableRandom random = new SplittableRandom(0);

    /** @param file the fault file, or null for none */
    InjectedErrors(Path file) {
        this.file = file;
    }

    /** Whether this request should fail. */
    synchronized boolean failThisOne() {
        if (file == null) {
            return false;
        }
        long now = System.nanoTime();
        if (now - checkedAtNanos >= RECHECK_NANOS) {
            checkedAtNanos = now;
            reload();
        }
        return ratio > 0 && random.nextDouble() < ratio;
    }

    private void reload() {
        try {
            long stamp = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
            if (stamp == modified) {
                return;
            }
            modified = stamp;
            if (stamp < 0) {
                ratio = 0;
                return;
            }
            var spec = JSON.readTree(file.toFile());
            ratio = Math.max(0, Math.min(1, spec.path("error_ratio").asDouble(0)));
            random = new SplittableRandom(spec.path("seed").asLong(0));
        } catch (Exception unreadable) {
            ratio = 0; // a half-written file: no fault until it is whole
            modified = -1;
        }
    }
}
